using CustomerManager.Domain.Statements;

namespace CustomerManager.Web.Documents;

/// <summary>Turns a stored account statement into a printable PDF. The seam for swapping the PDF library.</summary>
public interface IStatementRenderer
{
    /// <summary>The statement as a complete PDF file.</summary>
    byte[] Render(Statement statement);
}
