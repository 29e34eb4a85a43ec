using System.Net;
using CustomerManager.Tests.Support;

namespace CustomerManager.Tests.Api;

public class OpenApiDocumentTests(AppFactory factory) : IClassFixture<AppFactory>
{
    /// <summary>docs/openapi-v1.json, from the repository root (the tests run in bin/…).</summary>
    private static string SavedPath()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CustomerManager.sln")))
        {
            dir = dir.Parent;
        }

        return Path.Combine(dir!.FullName, "docs", "openapi-v1.json");
    }

    [Fact]
    public async Task Development_serves_the_OpenAPI_document_and_the_copy_in_docs_is_current()
    {
        var response = await factory.CreateClient().GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var served = await response.Content.ReadAsStringAsync();
        foreach (var path in new[] { "/api/v1/customers", "/api/v1/customers/{id}/balances", "/api/v1/purchases", "/api/v1/points/redeem", "/api/v1/laybys/{number}/payments" })
        {
            Assert.Contains($"\"{path}\"", served);
        }

        if (Environment.GetEnvironmentVariable("UPDATE_OPENAPI") == "1")
        {
            await File.WriteAllTextAsync(SavedPath(), served);
        }

        Assert.Equal(served.ReplaceLineEndings(), (await File.ReadAllTextAsync(SavedPath())).ReplaceLineEndings());
    }
}
