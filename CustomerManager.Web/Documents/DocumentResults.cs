using CustomerManager.Domain.Common;

namespace CustomerManager.Web.Documents;

/// <summary>How the document endpoints answer the services' refusals: 403 when not allowed, 404 for an unknown number.</summary>
internal static class DocumentResults
{
    public static async Task<IResult> ServeAsync(Func<Task<IResult>> document)
    {
        try
        {
            return await document();
        }
        catch (AccessDeniedException)
        {
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }
        catch (NotFoundException)
        {
            return Results.NotFound();
        }
    }
}
