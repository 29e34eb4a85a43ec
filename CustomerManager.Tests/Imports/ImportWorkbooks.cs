using ClosedXML.Excel;
using CustomerManager.Domain.Imports;

namespace CustomerManager.Tests.Imports;

/// <summary>Fills the import template the way a person would: by header, row by row.</summary>
internal static class ImportWorkbooks
{
    public static byte[] Fill(byte[] template, Action<XLWorkbook> fill)
    {
        using var book = new XLWorkbook(new MemoryStream(template));
        fill(book);
        using var stream = new MemoryStream();
        book.SaveAs(stream);
        return stream.ToArray();
    }

    /// <summary>Writes <paramref name="values"/> (by header, without the *) into row <paramref name="row"/> of the sheet.</summary>
    public static void Row(this XLWorkbook book, ImportSheet sheet, int row, params (string Header, object? Value)[] values)
    {
        var ws = book.Worksheet(sheet.Name);
        // The template's example row is overwritten whole.
        ws.Row(row).Cells(1, sheet.Columns.Count).Clear(XLClearOptions.Contents);
        foreach (var (header, value) in values)
        {
            var column = ColumnOf(ws, header);
            CustomerManager.Web.Imports.ImportWorkbook.SetCell(ws.Cell(row, column), value);
        }
    }

    public static int ColumnOf(IXLWorksheet ws, string header) =>
        ws.Row(1).CellsUsed().First(c => ImportLayout.HeaderKey(c.GetString()) == ImportLayout.HeaderKey(header)).Address.ColumnNumber;

    /// <summary>A customer row with a unique phone, e-mail and names.</summary>
    public static (string Header, object? Value)[] Person(string external, string? division = null, params (string Header, object? Value)[] more)
    {
        var token = Customers.CustomerTestData.Token();
        (string, object?)[] values =
        [
            ("External number", external), ("Type", "Individual"), ("First name", "Fn" + token), ("Last name", "Ln" + token),
            ("Phone", Customers.CustomerTestData.Phone()), ("E-mail", token + "@example.com"), ("Division", division),
        ];
        return [.. values.Where(v => !more.Any(m => m.Header == v.Item1)), .. more];
    }
}
