using System.Text.Json;
using CustomerManager.Tests.Support;

namespace CustomerManager.Tests.Imports;

internal sealed record PyxlFilledCell(string? Value, string? Fill);

/// <summary>Chosen cells of a named sheet as openpyxl reads them: the value and the fill colour (ARGB).</summary>
internal static class OpenPyxlCells
{
    private const string Script = """
        import json, sys, openpyxl
        ws = openpyxl.load_workbook(sys.argv[1])[sys.argv[2]]
        out = []
        for pair in sys.argv[3:]:
            r, c = map(int, pair.split(','))
            cell = ws.cell(row=r, column=c)
            fill = cell.fill.fgColor.rgb if cell.fill is not None and cell.fill.fill_type == 'solid' else None
            out.append([None if cell.value is None else str(cell.value), fill if isinstance(fill, str) else None])
        print(json.dumps(out))
        """;

    public static async Task<IReadOnlyList<PyxlFilledCell>> ReadAsync(byte[] xlsx, string sheet, IEnumerable<(int Row, int Column)> cells)
    {
        var file = Path.Combine(Path.GetTempPath(), $"cm-{Guid.NewGuid():N}.xlsx");
        await File.WriteAllBytesAsync(file, xlsx);
        try
        {
            var python = File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
            using var json = JsonDocument.Parse(await Poppler.RunAsync(python, ["-c", Script, file, sheet, .. cells.Select(c => $"{c.Row},{c.Column}")]));
            return json.RootElement.EnumerateArray().Select(c => new PyxlFilledCell(c[0].GetString(), c[1].GetString())).ToList();
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>Writes <paramref name="length"/> characters of text into one cell with openpyxl, which has no per-cell limit.</summary>
    public static async Task<byte[]> SetTextAsync(byte[] xlsx, string sheet, int row, int column, int length)
    {
        var file = Path.Combine(Path.GetTempPath(), $"cm-{Guid.NewGuid():N}.xlsx");
        await File.WriteAllBytesAsync(file, xlsx);
        try
        {
            var python = File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
            const string write = """
                import sys, openpyxl
                wb = openpyxl.load_workbook(sys.argv[1])
                wb[sys.argv[2]].cell(row=int(sys.argv[3]), column=int(sys.argv[4])).value = 'x' * int(sys.argv[5])
                wb.save(sys.argv[1])
                print('ok')
                """;
            await Poppler.RunAsync(python, ["-c", write, file, sheet, $"{row}", $"{column}", $"{length}"]);
            return await File.ReadAllBytesAsync(file);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
