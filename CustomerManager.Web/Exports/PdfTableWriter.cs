using System.Globalization;
using CustomerManager.Web.Documents;
using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace CustomerManager.Web.Exports;

/// <summary>
/// An export as a landscape A4 table (PDFsharp, DejaVu Sans from <see cref="PdfFonts"/>): title and filters on the
/// first page, the header row repeated on every page, numbers right-aligned, a totals row at the end, and
/// "page n of m" in each footer. Column widths are the export's widths scaled to the page; long column headers wrap onto
/// more lines, long cell text is cut with "…".
/// </summary>
public sealed class PdfTableWriter : ITableWriter
{
    private const double Margin = 36;
    private const double LandscapeA4Width = 841.89; // 297 mm in points
    private const double RowHeight = 13;
    private const double CellPadding = 3;
    private static readonly XPen Rule = new(XColors.Gray, 0.5);
    private static readonly XBrush HeaderFill = new XSolidBrush(XColor.FromArgb(0xE7, 0xE9, 0xEE));

    public ExportFormat Format => ExportFormat.Pdf;

    public string Extension => "pdf";

    public string ContentType => "application/pdf";

    public async Task<int> WriteAsync(ITabularExport export, Stream output, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        PdfSetup.EnsureInitialised();
        using var document = new PdfDocument();
        document.Info.Title = export.Title;
        document.Info.Creator = "CustomerManager";
        var table = new Table(document, export);
        table.WriteHeading();
        var rows = 0;
        var sums = new ColumnSums(export.Columns.Count);
        await foreach (var row in export.RowsAsync(cancellationToken).WithCancellation(cancellationToken))
        {
            table.WriteRow(row);
            ExportValues.Accumulate(export.Columns, row, sums);
            if (ExportValues.ShouldReport(++rows))
            {
                progress?.Report(rows);
            }
        }

        if (rows == 0)
        {
            table.WriteNote("No rows match these filters.");
        }

        if (export.HasTotals)
        {
            table.WriteTotals(sums);
        }

        table.Finish();
        document.Save(output, closeStream: false);
        progress?.Report(rows);
        return rows;
    }

    /// <summary>The page cursor: adds pages (with the header row) as rows need them.</summary>
    private sealed class Table
    {
        private readonly PdfDocument document;
        private readonly ITabularExport export;
        private readonly XFont title = new(PdfFonts.FamilyName, 14, XFontStyleEx.Bold);
        private readonly XFont normal = new(PdfFonts.FamilyName, 7.5, XFontStyleEx.Regular);
        private readonly XFont bold = new(PdfFonts.FamilyName, 7.5, XFontStyleEx.Bold);
        private readonly double[] widths;
        private readonly double[] lefts;
        private readonly string[] headers;
        private List<string>[]? headerLines;
        private XGraphics? graphics;
        private double y;
        private double pageHeight;
        private double right;

        public Table(PdfDocument document, ITabularExport export)
        {
            this.document = document;
            this.export = export;
            var available = LandscapeA4Width - 2 * Margin;
            var requested = export.Columns.Sum(c => c.Width);
            widths = export.Columns.Select(c => c.Width / requested * available).ToArray();
            lefts = new double[widths.Length];
            for (var i = 1; i < widths.Length; i++)
            {
                lefts[i] = lefts[i - 1] + widths[i - 1];
            }

            headers = export.Columns.Select(c => c.Type == ExportColumnType.Money && export.Currency is { } currency
                ? $"{c.Title} ({currency})"
                : c.Title).ToArray();
        }

        public void WriteHeading()
        {
            NewPage(withHeader: false);
            graphics!.DrawString(export.Title, title, XBrushes.Black, new XPoint(Margin, y), XStringFormats.TopLeft);
            y += 22;
            foreach (var filter in export.Filters)
            {
                graphics.DrawString(filter.Label + ":", bold, XBrushes.DimGray, new XPoint(Margin, y), XStringFormats.TopLeft);
                graphics.DrawString(filter.Value, normal, XBrushes.Black, new XPoint(Margin + 110, y), XStringFormats.TopLeft);
                y += RowHeight;
            }

            y += 6;
            WriteHeaderRow();
        }

        public void WriteRow(object?[] row)
        {
            EnsureRoom();
            for (var i = 0; i < row.Length; i++)
            {
                Cell(ExportValues.Display(export.Columns[i], row[i]), i, normal);
            }

            y += RowHeight;
        }

        public void WriteNote(string note)
        {
            EnsureRoom();
            graphics!.DrawString(note, normal, XBrushes.DimGray, new XPoint(Margin + CellPadding, y + 2), XStringFormats.TopLeft);
            y += RowHeight;
        }

        public void WriteTotals(ColumnSums sums)
        {
            EnsureRoom();
            graphics!.DrawLine(Rule, Margin, y, right, y);
            for (var i = 0; i < export.Columns.Count; i++)
            {
                var column = export.Columns[i];
                var total = ExportValues.Total(column, i, sums);
                var text = total is { } t ? ExportValues.Display(column.Type, t) : i == 0 ? "Total" : "";
                Cell(text, i, bold);
            }

            y += RowHeight;
        }

        public void Finish()
        {
            graphics?.Dispose();
            graphics = null;
            var count = document.PageCount;
            for (var n = 0; n < count; n++)
            {
                var page = document.Pages[n];
                using var g = XGraphics.FromPdfPage(page, XGraphicsPdfPageOptions.Append);
                var footer = $"{export.Title} · page {(n + 1).ToString(CultureInfo.InvariantCulture)} of {count.ToString(CultureInfo.InvariantCulture)}";
                g.DrawString(footer, normal, XBrushes.DimGray,
                    new XRect(Margin, page.Height.Point - Margin + 8, page.Width.Point - 2 * Margin, RowHeight), XStringFormats.TopRight);
            }
        }

        private void EnsureRoom()
        {
            if (y + RowHeight > pageHeight - Margin)
            {
                NewPage(withHeader: true);
            }
        }

        private void NewPage(bool withHeader)
        {
            graphics?.Dispose();
            var page = document.AddPage();
            page.Size = PageSize.A4;
            page.Orientation = PageOrientation.Landscape;
            pageHeight = page.Height.Point;
            right = page.Width.Point - Margin;
            y = Margin;
            graphics = XGraphics.FromPdfPage(page);
            if (withHeader)
            {
                WriteHeaderRow();
            }
        }

        private void WriteHeaderRow()
        {
            headerLines ??= headers.Select((h, i) => Wrap(h, bold, widths[i] - 2 * CellPadding)).ToArray();
            var lines = headerLines.Max(l => l.Count);
            var height = lines * (RowHeight - 3) + 5;
            graphics!.DrawRectangle(HeaderFill, Margin, y, right - Margin, height);
            var top = y;
            for (var line = 0; line < lines; line++)
            {
                y = top + line * (RowHeight - 3);
                for (var i = 0; i < headers.Length; i++)
                {
                    if (line < headerLines[i].Count)
                    {
                        Cell(headerLines[i][line], i, bold, 1);
                    }
                }
            }

            y = top + height;
            graphics.DrawLine(Rule, Margin, y, right, y);
            y += 1;
        }

        /// <summary>Words laid out on as many lines as the width needs; a word wider than the column is split.</summary>
        private List<string> Wrap(string text, XFont font, double width)
        {
            var lines = new List<string>();
            var current = "";
            foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = current.Length == 0 ? word : current + " " + word;
                if (graphics!.MeasureString(candidate, font).Width <= width)
                {
                    current = candidate;
                    continue;
                }

                if (current.Length > 0)
                {
                    lines.Add(current);
                }

                current = word;
                while (current.Length > 1 && graphics.MeasureString(current, font).Width > width)
                {
                    var fits = current.Length - 1;
                    while (fits > 1 && graphics.MeasureString(current[..fits], font).Width > width)
                    {
                        fits--;
                    }

                    lines.Add(current[..fits]);
                    current = current[fits..];
                }
            }

            if (current.Length > 0 || lines.Count == 0)
            {
                lines.Add(current);
            }

            return lines;
        }

        private void Cell(string text, int column, XFont font, double offset = 0)
        {
            if (text.Length == 0)
            {
                return;
            }

            var width = widths[column] - 2 * CellPadding;
            text = Fit(text, font, width);
            var box = new XRect(Margin + lefts[column] + CellPadding, y + 1.5 + offset, width, RowHeight);
            var format = export.Columns[column].IsNumeric ? XStringFormats.TopRight : XStringFormats.TopLeft;
            graphics!.DrawString(text, font, XBrushes.Black, box, format);
        }

        /// <summary>The text, cut with "…" when it is wider than the column (measured only when it might be).</summary>
        private string Fit(string text, XFont font, double width)
        {
            // DejaVu Sans at 7.5 pt: no glyph is wider than about 6 pt, so short text always fits.
            if (text.Length * 6.2 <= width)
            {
                return text;
            }

            if (graphics!.MeasureString(text, font).Width <= width)
            {
                return text;
            }

            var low = 0;
            var high = text.Length;
            while (low < high)
            {
                var mid = (low + high + 1) / 2;
                if (graphics.MeasureString(text[..mid] + "…", font).Width <= width)
                {
                    low = mid;
                }
                else
                {
                    high = mid - 1;
                }
            }

            return text[..low] + "…";
        }
    }
}
