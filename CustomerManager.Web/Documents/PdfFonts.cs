using PdfSharp.Fonts;

namespace CustomerManager.Web.Documents;

/// <summary>
/// The fonts every PDF we write uses: DejaVu Sans regular and bold, shipped inside this assembly (Documents/Fonts,
/// licence in LICENSE-DejaVu.txt). PDFsharp's core build does no font lookup on Linux, so whatever family a writer
/// asks for is served from these two faces: bold requests get the bold face, everything else the regular one
/// (italic is drawn upright). Set once per process by <see cref="PdfSetup.EnsureInitialised"/>.
/// </summary>
public sealed class PdfFonts : IFontResolver
{
    public const string FamilyName = "DejaVu Sans";
    internal const string RegularFace = "DejaVuSans";
    internal const string BoldFace = "DejaVuSans-Bold";

    public static readonly PdfFonts Instance = new();

    private static readonly Lazy<byte[]> Regular = new(() => Load(RegularFace));
    private static readonly Lazy<byte[]> Bold = new(() => Load(BoldFace));

    private PdfFonts()
    {
    }

    public FontResolverInfo ResolveTypeface(string familyName, bool bold, bool italic) =>
        new(bold ? BoldFace : RegularFace);

    public byte[] GetFont(string faceName) => faceName switch
    {
        BoldFace => Bold.Value,
        RegularFace => Regular.Value,
        _ => throw new ArgumentException($"No embedded font face '{faceName}'.", nameof(faceName)),
    };

    private static byte[] Load(string face)
    {
        // Logical names are fixed in CustomerManager.Web.csproj.
        var name = $"CustomerManager.Web.Documents.Fonts.{face}.ttf";
        using var stream = typeof(PdfFonts).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded font resource '{name}' is missing from {typeof(PdfFonts).Assembly.GetName().Name}.");
        using var copy = new MemoryStream(checked((int)stream.Length));
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
