using ZXing;
using ZXing.QrCode;
using ZXing.Rendering;

namespace CustomerManager.Web.Security;

/// <summary>A QR code as an SVG data URI, drawn on the server: the secret never goes to a third-party QR service.</summary>
public static class QrCodeImage
{
    public static string SvgDataUri(string text)
    {
        var writer = new BarcodeWriterSvg
        {
            Format = BarcodeFormat.QR_CODE,
            Options = new QrCodeEncodingOptions { Width = 200, Height = 200, Margin = 1 },
        };
        SvgRenderer.SvgImage svg = writer.Write(text);
        return "data:image/svg+xml;base64," + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(svg.Content));
    }
}
