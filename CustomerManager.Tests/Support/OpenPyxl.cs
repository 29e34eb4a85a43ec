using System.Text.Json;

namespace CustomerManager.Tests.Support;

/// <summary>A cell as openpyxl reads it: its Python type ("str", "float", "int", "datetime", "NoneType"), text and number format.</summary>
internal sealed record PyxlCell(string Type, string? Text, string Format);

/// <summary>A worksheet as openpyxl (python3-openpyxl, installed by scripts/test.sh) reads it.</summary>
/// <param name="FilterRanges">The ranges with filter buttons: the sheet's autofilter and each table's.</param>
internal sealed record PyxlSheet(string Title, string? FrozenAt, IReadOnlyList<IReadOnlyList<PyxlCell>> Rows, IReadOnlyList<string> FilterRanges);

/// <summary>
/// Opens .xlsx files with openpyxl, a reader that shares no code with the Open XML SDK that wrote them, so a test sees
/// what another spreadsheet program sees.
/// </summary>
internal static class OpenPyxl
{
    private const string Script = """
        import json, sys, openpyxl
        ws = openpyxl.load_workbook(sys.argv[1]).active
        rows = [[[type(c.value).__name__, None if c.value is None else str(c.value), c.number_format] for c in row] for row in ws.iter_rows()]
        filters = ([ws.auto_filter.ref] if ws.auto_filter.ref else []) + [t.ref for t in ws.tables.values() if t.autoFilter is not None]
        print(json.dumps({"title": ws.title, "frozen": ws.freeze_panes, "rows": rows, "filters": filters}))
        """;

    public static async Task<PyxlSheet> ReadAsync(byte[] xlsx)
    {
        var file = Path.Combine(Path.GetTempPath(), $"cm-{Guid.NewGuid():N}.xlsx");
        await File.WriteAllBytesAsync(file, xlsx);
        try
        {
            // Debian's python3, where apt installs openpyxl (a python3 earlier on PATH may lack it).
            var python = File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
            using var json = JsonDocument.Parse(await Poppler.RunAsync(python, ["-c", Script, file]));
            var root = json.RootElement;
            var rows = root.GetProperty("rows").EnumerateArray()
                .Select(row => (IReadOnlyList<PyxlCell>)row.EnumerateArray()
                    .Select(c => new PyxlCell(c[0].GetString()!, c[1].GetString(), c[2].GetString()!)).ToList())
                .ToList();
            var filters = root.GetProperty("filters").EnumerateArray().Select(f => f.GetString()!).ToList();
            return new PyxlSheet(root.GetProperty("title").GetString()!, root.GetProperty("frozen").GetString(), rows, filters);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
