using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace CustomerManager.Web.Documents;

/// <summary>The fonts of our documents: DejaVu Sans, title and heading sizes fixed, body size per document.</summary>
internal sealed class PdfFontSet(double bodySize)
{
    public XFont Title { get; } = new(PdfFonts.FamilyName, 16, XFontStyleEx.Bold);

    public XFont Heading { get; } = new(PdfFonts.FamilyName, 11, XFontStyleEx.Bold);

    public XFont Normal { get; } = new(PdfFonts.FamilyName, bodySize, XFontStyleEx.Regular);

    public XFont Bold { get; } = new(PdfFonts.FamilyName, bodySize, XFontStyleEx.Bold);
}

/// <summary>A top-down cursor over a document's A4 pages: adds a page when the next block does not fit.</summary>
internal sealed class PdfPageWriter
{
    public const double Margin = 50;
    public const double LineHeight = 15;

    public static readonly XBrush Ink = XBrushes.Black;
    public static readonly XBrush Muted = XBrushes.DimGray;
    private static readonly XPen Rule = new(XColors.Gray, 0.5);

    private readonly PdfDocument document;
    private readonly double labelWidth;
    private XGraphics graphics;
    private double pageHeight;

    public PdfPageWriter(PdfDocument document, PdfFontSet fonts, double labelWidth)
    {
        this.document = document;
        this.labelWidth = labelWidth;
        Fonts = fonts;
        graphics = NewPage();
    }

    public PdfFontSet Fonts { get; }

    public double Y { get; set; }

    public double Right { get; private set; }

    /// <summary>Starts a new page when <paramref name="height"/> does not fit; true if it did.</summary>
    public bool EnsureRoom(double height)
    {
        if (Y + height <= pageHeight - Margin)
        {
            return false;
        }

        graphics.Dispose();
        graphics = NewPage();
        return true;
    }

    public void Text(string text, XFont font, double x, double y, XBrush? brush = null) =>
        graphics.DrawString(text, font, brush ?? Ink, new XPoint(x, y), XStringFormats.TopLeft);

    public void TextRight(string text, XFont font, double right, double y) =>
        graphics.DrawString(text, font, Ink, new XRect(Margin, y, right - Margin, LineHeight), XStringFormats.TopRight);

    public void Heading(string text)
    {
        EnsureRoom(2 * LineHeight + 4);
        Text(text, Fonts.Heading, Margin, Y);
        Y += LineHeight + 4;
    }

    public void Field(string label, string value, bool bold = false)
    {
        EnsureRoom(LineHeight);
        Text(label, Fonts.Normal, Margin, Y, Muted);
        Text(value, bold ? Fonts.Bold : Fonts.Normal, Margin + labelWidth, Y);
        Y += LineHeight;
    }

    public void Gap() => Y += 10;

    public void HorizontalRule(double before = 0, double after = 8)
    {
        Y += before;
        graphics.DrawLine(Rule, Margin, Y, Right, Y);
        Y += after;
    }

    public void Close() => graphics.Dispose();

    private XGraphics NewPage()
    {
        var page = document.AddPage();
        page.Size = PageSize.A4;
        pageHeight = page.Height.Point;
        Right = page.Width.Point - Margin;
        Y = Margin;
        return XGraphics.FromPdfPage(page);
    }
}
