using CustomerManager.Domain.Laybys;

namespace CustomerManager.Web.Documents;

/// <summary>Turns a layby payment receipt into a printable PDF. The seam for swapping the PDF library.</summary>
public interface IReceiptRenderer
{
    /// <summary>The receipt as a complete PDF file.</summary>
    byte[] Render(LaybyReceipt receipt);
}
