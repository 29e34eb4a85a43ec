using PdfSharp.Fonts;

namespace CustomerManager.Web.Documents;

/// <summary>
/// PDFsharp's process-wide settings, made once before the first document: the embedded-font resolver (PDFsharp's core
/// build does no font lookup on Linux). PDFsharp 6.2.4 is MIT and needs no licence call. Every PDF writer calls <see cref="EnsureInitialised"/> first; it is cheap after the first call and safe from many threads.
/// </summary>
public static class PdfSetup
{
    private static readonly Lock Gate = new();
    private static volatile bool initialised;

    public static void EnsureInitialised()
    {
        if (initialised)
        {
            return;
        }

        lock (Gate)
        {
            if (initialised)
            {
                return;
            }

            // PDFsharp wants the resolver set once, before any font is used (and the same instance if set again).
            if (!ReferenceEquals(GlobalFontSettings.FontResolver, PdfFonts.Instance))
            {
                GlobalFontSettings.FontResolver = PdfFonts.Instance;
            }

            initialised = true;
        }
    }
}
