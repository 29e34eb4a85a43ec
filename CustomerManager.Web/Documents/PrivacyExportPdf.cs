using System.Text.Json;
using CustomerManager.Domain.Common;
using CustomerManager.Domain.Privacy;
using PdfSharp.Pdf;

namespace CustomerManager.Web.Documents;

/// <summary>
/// The readable half of a privacy export: every table of the JSON, every row, every field, on A4 pages (long values
/// wrapped). Times inside rows are UTC as stored; the header is in the business's time.
/// </summary>
public sealed class PrivacyExportPdf(BusinessTime clock)
{
    private const int WrapAt = 72;
    private const int MaxLinesPerValue = 40;

    public void Write(PrivacyExport export, Stream stream)
    {
        PdfSetup.EnsureInitialised();
        using var document = new PdfDocument();
        document.Info.Title = $"Personal data held on {export.CustomerNumber}";
        var page = new PdfPageWriter(document, new PdfFontSet(8), labelWidth: 150);
        page.Text($"Personal data held on {export.CustomerNumber}", page.Fonts.Title, PdfPageWriter.Margin, page.Y);
        page.Y += 26;
        page.Field("Customer", export.CustomerName, bold: true);
        page.Field("Exported", $"{clock.Timestamp(export.ExportedAtUtc)} by {export.ExportedBy}");
        page.Field("Contents", "Every row held about the customer, table by table (times in rows are UTC).");
        page.Gap();
        using var json = JsonDocument.Parse(export.Json);
        foreach (var table in json.RootElement.GetProperty("tables").EnumerateObject())
        {
            var rows = table.Value.EnumerateArray().ToList();
            page.Heading($"{table.Name} ({rows.Count} {(rows.Count == 1 ? "row" : "rows")})");
            var number = 0;
            foreach (var row in rows)
            {
                page.EnsureRoom(3 * PdfPageWriter.LineHeight);
                page.Text($"{table.Name} {++number}", page.Fonts.Bold, PdfPageWriter.Margin, page.Y);
                page.Y += PdfPageWriter.LineHeight;
                foreach (var field in row.EnumerateObject())
                {
                    var lines = Wrap(Show(field.Value));
                    page.Field(field.Name, lines[0]);
                    foreach (var more in lines.Skip(1))
                    {
                        page.Field("", more);
                    }
                }

                page.Y += 4;
            }

            page.Gap();
        }

        page.Close();
        document.Save(stream, false);
    }

    private static string Show(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null => "",
        JsonValueKind.String => value.GetString() ?? "",
        _ => value.GetRawText(),
    };

    private static List<string> Wrap(string text)
    {
        var lines = new List<string>();
        foreach (var paragraph in text.ReplaceLineEndings("\n").Split('\n'))
        {
            var rest = paragraph;
            do
            {
                var take = Math.Min(WrapAt, rest.Length);
                if (take < rest.Length && rest.LastIndexOf(' ', take) is > WrapAt / 2 and var space)
                {
                    take = space + 1;
                }

                lines.Add(rest[..take].TrimEnd());
                rest = rest[take..];
            }
            while (rest.Length > 0);
        }

        if (lines.Count > MaxLinesPerValue)
        {
            lines = [.. lines.Take(MaxLinesPerValue - 1), "… (the rest is in the JSON file)"];
        }

        return lines.Count == 0 ? [""] : lines;
    }
}
