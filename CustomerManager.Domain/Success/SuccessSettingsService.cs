using CustomerManager.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Domain.Success;

/// <summary>The customer-success weights and thresholds: everyone signed in reads them, admins change them.</summary>
public sealed class SuccessSettingsService(ICustomerDbFactory dbFactory, ICurrentUser currentUser, BusinessTime clock)
{
    public async Task<SuccessSettings> GetAsync(CancellationToken cancellationToken = default)
    {
        currentUser.Require([.. Roles.All]);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        return await CurrentAsync(db, cancellationToken);
    }

    /// <summary>Saves new weights and thresholds; a refused input (weights not adding up to 100 %...) changes nothing.</summary>
    public async Task<SuccessSettings> ChangeAsync(SuccessSettingsInput input, int version, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Roles.Admin);
        SuccessSettings.Validate(input);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        var settings = await db.SuccessSettings.OrderBy(s => s.Id).FirstOrDefaultAsync(cancellationToken);
        if (settings is null)
        {
            var businessId = await db.Businesses.OrderBy(b => b.Id).Select(b => b.Id).FirstAsync(cancellationToken);
            settings = SuccessSettings.Defaults(businessId);
            db.SuccessSettings.Add(settings);
        }
        else
        {
            Concurrency.EnsureVersion(settings, version, "customer-success settings");
        }

        settings.Change(input, currentUser.UserName, clock.UtcNow);
        await db.SaveOrExplainAsync(cancellationToken);
        return settings;
    }

    /// <summary>The business's settings, or the seed's defaults when none were saved.</summary>
    internal static async Task<SuccessSettings> CurrentAsync(ICustomerDb db, CancellationToken cancellationToken) =>
        await db.SuccessSettings.AsNoTracking().OrderBy(s => s.Id).FirstOrDefaultAsync(cancellationToken) ?? SuccessSettings.Defaults(0);
}
