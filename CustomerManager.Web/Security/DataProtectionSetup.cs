using System.Security.Cryptography.X509Certificates;
using CustomerManager.Data;
using Microsoft.AspNetCore.DataProtection;

namespace CustomerManager.Web.Security;

/// <summary>
/// Data-protection keys (they sign the sign-in cookie and antiforgery tokens) live in the database, so every node behind
/// a load balancer and every restart use the same ones; a certificate encrypts them at rest when one is configured.
/// </summary>
public static class DataProtectionSetup
{
    /// <summary>A PFX/PKCS#12 file with its private key (the key is needed to decrypt the keys again).</summary>
    public const string CertificatePathKey = "DataProtection:CertificatePath";
    public const string CertificatePasswordKey = "DataProtection:CertificatePassword";

    /// <summary>Or a certificate in the CurrentUser or LocalMachine "My" store, by thumbprint.</summary>
    public const string CertificateThumbprintKey = "DataProtection:CertificateThumbprint";

    /// <summary>
    /// One name for every node: by default the name is derived from the content root, which differs between machines
    /// and would stop one node reading another's cookies.
    /// </summary>
    public const string ApplicationName = "CustomerManager";

    public static void AddCustomerManagerDataProtection(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var dataProtection = builder.Services.AddDataProtection()
            .SetApplicationName(ApplicationName)
            .PersistKeysToDbContext<CustomerDbContext>();
        var protectedWith = "";
        if (configuration[CertificatePathKey] is { Length: > 0 } path)
        {
            var file = Path.GetFullPath(path, builder.Environment.ContentRootPath);
            dataProtection.ProtectKeysWithCertificate(
                X509CertificateLoader.LoadPkcs12FromFile(file, configuration[CertificatePasswordKey]));
            protectedWith = $"the certificate in {file}";
        }
        else if (configuration[CertificateThumbprintKey] is { Length: > 0 } thumbprint)
        {
            dataProtection.ProtectKeysWithCertificate(thumbprint);
            protectedWith = $"the certificate {thumbprint} from the certificate store";
        }

        builder.Services.AddHostedService(sp => new KeyProtectionNotice(
            protectedWith, sp.GetRequiredService<IHostEnvironment>(), sp.GetRequiredService<ILogger<KeyProtectionNotice>>()));
    }
}

/// <summary>Says at start-up whether the data-protection keys are encrypted at rest, loudly when they are not.</summary>
internal sealed class KeyProtectionNotice(string protectedWith, IHostEnvironment environment, ILogger<KeyProtectionNotice> logger)
    : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (protectedWith.Length > 0)
        {
            logger.LogInformation("Data-protection keys are stored in the database, encrypted with {Certificate}", protectedWith);
        }
        else if (environment.IsDevelopment())
        {
            logger.LogInformation("Data-protection keys are stored in the database unencrypted (Development)");
        }
        else
        {
            logger.LogWarning(
                "Data-protection keys are stored in the database UNENCRYPTED: anyone who can read the database or a backup can " +
                "forge sign-in cookies. Set {PathKey} (a PFX with its private key) and {PasswordKey}, or {ThumbprintKey}",
                DataProtectionSetup.CertificatePathKey, DataProtectionSetup.CertificatePasswordKey,
                DataProtectionSetup.CertificateThumbprintKey);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
