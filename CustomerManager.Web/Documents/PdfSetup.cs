using PdfSharp;
using PdfSharp.Fonts;

namespace CustomerManager.Web.Documents;

/// <summary>
/// PDFsharp's process-wide settings, made once before the first document: the AGPL licence (PDFsharp 6.5 refuses to
/// save without a licence call; CustomerManager is AGPL-3.0, see LICENSE) and the embedded-font resolver. Every PDF
/// writer calls <see cref="EnsureInitialised"/> first; it is cheap after the first call and safe from many threads.
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

            // A commercial key would be PdfSharpLicense.LoadLicense(base64) instead; only AGPL is supported for now.
            PdfSharpLicense.SetAgplLicense();
            // PDFsharp wants the resolver set once, before any font is used (and the same instance if set again).
            if (!ReferenceEquals(GlobalFontSettings.FontResolver, PdfFonts.Instance))
            {
                GlobalFontSettings.FontResolver = PdfFonts.Instance;
            }

            initialised = true;
        }
    }
}
