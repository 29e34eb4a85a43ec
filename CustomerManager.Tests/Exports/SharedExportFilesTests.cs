using CustomerManager.Domain.Common;
using CustomerManager.Domain.Organisation;
using CustomerManager.Tests.Statements;
using CustomerManager.Tests.Support;
using CustomerManager.Web.Exports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerManager.Tests.Exports;

/// <summary>Several web nodes: an export made on one downloads from another; cached business defaults agree soon.</summary>
public sealed class SharedExportFilesTests(AppFactory factory) : IClassFixture<AppFactory>, IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "cm-tests-shared-exports", Guid.NewGuid().ToString("N"));
    private readonly TestClock clock = new();

    [Fact]
    public async Task An_export_made_on_one_node_is_found_by_its_token_on_another_for_its_owner_only_until_it_expires()
    {
        var nodeA = new ExportFiles(clock, root, shared: true);
        using var nodeB = new ExportFiles(clock, root, shared: true);

        var file = await nodeA.WriteAsync("customers.csv", "text/csv", "user-1", async s =>
        {
            await s.WriteAsync("Number,Name\nC-1,Ann\n"u8.ToArray());
            return 1;
        });
        // Node A stops (its files stay for the others).
        nodeA.Dispose();

        var found = nodeB.Find(file.Token, "user-1");
        Assert.NotNull(found);
        Assert.Equal(("customers.csv", "text/csv", file.Path), (found.FileName, found.ContentType, found.Path));
        Assert.Equal("Number,Name\nC-1,Ann\n", await File.ReadAllTextAsync(found.Path));
        Assert.Null(nodeB.Find(file.Token, "user-2"));
        Assert.Null(nodeB.Find("../" + file.Token[3..], "user-1"));

        clock.Now += ExportFiles.Lifetime + TimeSpan.FromSeconds(1);
        Assert.Null(nodeB.Find(file.Token, "user-1"));
        Assert.False(File.Exists(file.Path));
    }

    [Fact]
    public async Task Without_a_shared_folder_another_node_does_not_know_the_token()
    {
        using var nodeA = new ExportFiles(clock, root);
        using var nodeB = new ExportFiles(clock, root);

        var file = await nodeA.WriteAsync("customers.csv", "text/csv", "user-1", async s =>
        {
            await s.WriteAsync("x"u8.ToArray());
            return 1;
        });

        Assert.NotNull(nodeA.Find(file.Token, "user-1"));
        Assert.Null(nodeB.Find(file.Token, "user-1"));
        Assert.False(File.Exists(file.Path + ".json"));
    }

    [Fact]
    public async Task Business_defaults_changed_on_another_node_are_read_again_within_their_max_age()
    {
        var dbFactory = factory.Services.GetRequiredService<ICustomerDbFactory>();
        var defaults = new BusinessDefaults(clock);
        var before = await defaults.GetAsync(dbFactory, CancellationToken.None);

        // Another node saves a new default country code straight to the database.
        await using (var db = await dbFactory.OpenAsync())
        {
            await db.Businesses.ExecuteUpdateAsync(s => s.SetProperty(b => b.DefaultPhoneCountryCode, "+44"));
        }

        clock.Now += BusinessDefaults.MaxAge - TimeSpan.FromSeconds(1);
        Assert.Equal(before, await defaults.GetAsync(dbFactory, CancellationToken.None));
        clock.Now += TimeSpan.FromSeconds(2);
        Assert.Equal(before with { PhoneCountryCode = "+44" }, await defaults.GetAsync(dbFactory, CancellationToken.None));
        Assert.NotEqual("+44", before.PhoneCountryCode);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
