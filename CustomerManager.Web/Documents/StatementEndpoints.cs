using CustomerManager.Domain.Common;
using CustomerManager.Domain.Statements;

namespace CustomerManager.Web.Documents;

public static class StatementEndpoints
{
    /// <summary>
    /// /statements/STM-CLO-202611-000001.pdf: the stored statement as a PDF that opens in the browser (inline).
    /// The statement service checks the role (a refusal is a 403); a missing statement is a 404.
    /// </summary>
    public static void MapStatementEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/statements/{number}.pdf", (
            string number, StatementService statements, IStatementRenderer renderer, CancellationToken cancellationToken) =>
            DocumentResults.ServeAsync(async () =>
                Results.File(renderer.Render(await statements.GetAsync(number, cancellationToken)), "application/pdf", fileDownloadName: null)))
            .RequireAuthorization();
    }
}
