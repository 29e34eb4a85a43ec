using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CustomerManager.Data.Seeding;
using CustomerManager.Tests.Backups;
using CustomerManager.Tests.Support;
using CustomerManager.Web.Security;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CustomerManager.Tests.Security;

/// <summary>
/// Two nodes (two app instances with their own data folders, as two machines have their own disks) on one database:
/// the keys that sign cookies are in the database, so a cookie one node issued is accepted by the other.
/// </summary>
public sealed class DataProtectionKeyTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "cm-keys", Guid.NewGuid().ToString("N"));

    private string SharedDatabase => Path.Combine(root, "shared.db");

    [Fact]
    public async Task Keys_are_stored_in_the_database_and_a_second_node_accepts_the_first_nodes_sign_in_cookie()
    {
        var keys = await SignInOnOneNodeAndUseTheCookieOnAnotherAsync([]);

        var key = Assert.Single(keys);
        Assert.Contains("<masterKey", key);
    }

    [Fact]
    public async Task With_a_certificate_the_stored_keys_are_encrypted_and_a_node_with_the_certificate_reads_them()
    {
        var certificate = Path.Combine(root, "keys.pfx");
        Directory.CreateDirectory(root);
        using (var rsa = RSA.Create(2048))
        {
            var request = new CertificateRequest("CN=CustomerManager key protection (test)", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var selfSigned = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
            await File.WriteAllBytesAsync(certificate, selfSigned.Export(X509ContentType.Pfx, "test certificate password"));
        }

        var keys = await SignInOnOneNodeAndUseTheCookieOnAnotherAsync(new Dictionary<string, string>
        {
            [DataProtectionSetup.CertificatePathKey] = certificate,
            [DataProtectionSetup.CertificatePasswordKey] = "test certificate password",
        });

        var key = Assert.Single(keys);
        Assert.Contains("<encryptedSecret", key);
        Assert.Contains("http://www.w3.org/2001/04/xmlenc#", key);
        Assert.DoesNotContain("<masterKey", key);
    }

    [Theory]
    [InlineData("Production", "", LogLevel.Warning, "Data-protection keys are stored in the database UNENCRYPTED")]
    [InlineData("Development", "", LogLevel.Information, "Data-protection keys are stored in the database unencrypted (Development)")]
    [InlineData("Production", "the certificate in /etc/cm/keys.pfx", LogLevel.Information, "Data-protection keys are stored in the database, encrypted with the certificate in /etc/cm/keys.pfx")]
    public async Task The_start_up_log_says_whether_keys_are_protected_at_rest(string environment, string protectedWith, LogLevel level, string message)
    {
        var logger = new RecordingLogger();
        var notice = new KeyProtectionNotice(protectedWith, new HostingEnvironment { EnvironmentName = environment }, logger);

        await notice.StartAsync(CancellationToken.None);

        var (loggedLevel, text) = Assert.Single(logger.Entries);
        Assert.Equal(level, loggedLevel);
        Assert.StartsWith(message, text);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on a slow machine: the temp folder is cleaned by the OS.
        }
    }

    /// <summary>Signs in on node A, asks node B for an admin page with A's cookie; returns the key XML stored.</summary>
    private async Task<List<string?>> SignInOnOneNodeAndUseTheCookieOnAnotherAsync(Dictionary<string, string> settings)
    {
        var shared = new Dictionary<string, string>(settings) { ["ConnectionStrings:CustomerManager"] = $"Data Source={SharedDatabase}" };
        using var nodeA = new FolderAppFactory(Path.Combine(root, "node-a"), shared);
        using var nodeB = new FolderAppFactory(Path.Combine(root, "node-b"), shared);

        using var signIn = SignInClient.For(nodeA);
        var signedIn = await signIn.SignInAsync("admin", DemoDataSeeder.DemoPassword);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var cookie = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".AspNetCore.Identity.Application=", StringComparison.Ordinal));

        using var other = nodeB.CreateClient(new WebApplicationFactoryClientOptions
        {
            BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false, HandleCookies = false,
        });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/admin/users");
        request.Headers.Add("Cookie", cookie.Split(';')[0]);
        var onB = await other.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, onB.StatusCode);

        await using var db = new Data.SqliteCustomerDbContext(new DbContextOptionsBuilder<Data.SqliteCustomerDbContext>()
            .UseSqlite($"Data Source={SharedDatabase};Pooling=False").Options);
        return await db.DataProtectionKeys.Select(k => k.Xml).ToListAsync();
    }

    private sealed class HostingEnvironment : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "";

        public string ApplicationName { get; set; } = "CustomerManager";

        public string ContentRootPath { get; set; } = "";

        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = default!;
    }

    private sealed class RecordingLogger : ILogger<KeyProtectionNotice>
    {
        public List<(LogLevel Level, string Text)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Add((logLevel, formatter(state, exception)));
    }
}
