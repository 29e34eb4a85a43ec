using CustomerManager.Data;
using CustomerManager.Data.Seeding;
using CustomerManager.Domain.Accounts;
using CustomerManager.Domain.Auditing;
using CustomerManager.Domain.Credit;
using CustomerManager.Domain.Customers;
using CustomerManager.Domain.Laybys;
using CustomerManager.Domain.Common;
using CustomerManager.Domain.Organisation;
using CustomerManager.Domain.Users;
using CustomerManager.Web.Components;
using CustomerManager.Web.Components.Shared;
using CustomerManager.Web.Api;
using CustomerManager.Web.Documents;
using CustomerManager.Web.Exports;
using CustomerManager.Web.Security;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using MudBlazor;
using MudBlazor.Services;

namespace CustomerManager.Web;

/// <summary>The app's wiring, kept out of Program.cs so tests can see what is registered and in what order.</summary>
public static class HostingSetup
{
    /// <summary>Cookie and circuit revalidation: a disabled user's sessions end within this interval (on other nodes too).</summary>
    public static readonly TimeSpan RevalidationInterval = TimeSpan.FromSeconds(10);

    /// <summary>The largest message a circuit accepts from the browser, in bytes.</summary>
    public const long CircuitMessageLimit = 128 * 1024;

    public static void AddCustomerManager(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        if (!builder.Environment.IsDevelopment() || builder.Configuration.GetValue<bool>("Logging:Json"))
        {
            builder.Logging.ClearProviders();
            builder.Logging.AddJsonConsole(o => o.IncludeScopes = true);
        }

        var dataFolder = builder.Configuration["Database:DataFolder"] is { Length: > 0 } folder
            ? Path.GetFullPath(folder, builder.Environment.ContentRootPath)
            : Path.Combine(builder.Environment.ContentRootPath, "App_Data");
        services.AddCustomerDatabase(builder.Configuration, dataFolder);
        builder.AddCustomerManagerDataProtection();
        services.AddSingleton<DatabaseInitializer>();
        services.AddSingleton<DemoDataSeeder>();
        services.AddSingleton<DemoCustomerSeeder>();
        services.AddSingleton<DemoInstitutionSeeder>();
        services.AddSingleton<DemoSubscriptionSeeder>();
        services.AddSingleton<DemoSuccessSeeder>();

        // 128 KB per message from the browser (SignalR's default is 32 KB): the longest text a field takes (10,000
        // characters of any script) arrives whole, so the domain can refuse what is too long with a message instead of
        // the connection dropping the value unseen.
        services.AddRazorComponents().AddInteractiveServerComponents()
            .AddHubOptions(o => o.MaximumReceiveMessageSize = CircuitMessageLimit);
        services.AddMudServices(o =>
        {
            // Bottom right: outcomes never cover the app bar's controls or a page's buttons at the top.
            o.SnackbarConfiguration.PositionClass = Defaults.Classes.Position.BottomRight;
            o.SnackbarConfiguration.PreventDuplicates = false;
            o.SnackbarConfiguration.ShowCloseIcon = true;
            o.SnackbarConfiguration.MaxDisplayedSnackbars = 3;
        });
        services.AddSingleton(MoneyParser.For(builder.Configuration["Business:Culture"] is { Length: > 0 } culture ? culture : "en-ZA"));
        services.AddHttpContextAccessor();

        // Identity: admins create users; 12+ characters and no composition rules; lockout after 5 failures.
        services.AddCascadingAuthenticationState();
        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        services.AddAuthorization();
        services.AddIdentityCore<ApplicationUser>(options =>
            {
                options.Password.RequiredLength = 12;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequiredUniqueChars = 1;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.Lockout.AllowedForNewUsers = true;
                options.User.RequireUniqueEmail = false;
                // "Confirmed" means "not disabled" here (EnabledUserConfirmation): a disabled user cannot sign in.
                options.SignIn.RequireConfirmedAccount = true;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<CustomerDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders()
            .AddClaimsPrincipalFactory<DisplayNameClaimsPrincipalFactory>();
        services.AddScoped<IUserConfirmation<ApplicationUser>, EnabledUserConfirmation>();
        services.AddSignInHardening(builder.Configuration);
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = RevalidationInterval);
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/account/login";
            o.LogoutPath = "/account/logout";
            o.AccessDeniedPath = "/account/access-denied";
            o.ExpireTimeSpan = TimeSpan.FromHours(10);
            o.SlidingExpiration = true;
        });
        services.AddScoped<AuthenticationStateProvider, RevalidatingIdentityAuthenticationStateProvider>();
        services.AddScoped<CircuitHandler, CircuitUserHandler>();
        services.AddSingleton<ICurrentUser, CurrentUser>();

        // Domain services: stateless, each operation opens its own DbContext.
        services.AddScoped<OrganisationService>();
        services.AddScoped<AuditLogService>();
        services.AddScoped<UserAdministrationService>();
        services.AddScoped<MyAccountService>();
        services.AddSingleton<BusinessDefaults>();
        services.AddScoped<CustomerService>();
        services.AddScoped<PhoneDisplay>();
        services.AddScoped<CustomerMergeService>();
        services.AddScoped<SavedSearchService>();
        services.AddSingleton(new Domain.Privacy.PrivacySettings(builder.Configuration.GetValue("Privacy:RetentionMonths", 60)));
        services.AddScoped<Domain.Privacy.PrivacyService>();
        services.AddSingleton<PrivacyExportPdf>();
        services.AddScoped<Privacy.PrivacyExportFiles>();
        services.AddScoped<DivisionAccountService>();
        services.AddScoped<AccountLedgerService>();
        services.AddScoped<WriteOffService>();
        services.AddScoped<Domain.Notes.NoteService>();
        services.AddScoped<Domain.Communications.CommunicationService>();
        services.AddScoped<Domain.Institutions.InstitutionService>();
        services.AddScoped<Domain.Assignments.AssignmentService>();
        services.AddScoped<Domain.Templates.MessageTemplateService>();
        services.AddScoped<Domain.Tasks.FollowUpService>();
        services.AddScoped<Domain.Subscriptions.PlanService>();
        services.AddScoped<Domain.Subscriptions.SubscriptionService>();
        services.AddScoped<Domain.Subscriptions.SubscriptionBillingService>();
        services.AddScoped<Domain.Subscriptions.ExperienceService>();
        services.AddScoped<Domain.Subscriptions.ChurnService>();
        services.AddScoped<Domain.Subscriptions.SubscriptionReportService>();
        services.AddScoped<Domain.Success.SuccessSettingsService>();
        services.AddScoped<Domain.Success.CustomerSuccessService>();
        services.AddScoped<Domain.Success.HealthScoringService>();
        services.AddScoped<Domain.Success.HealthDashboardService>();
        services.AddScoped<Components.Shared.DismissedAlerts>();
        services.AddScoped<Domain.Credit.CreditApplicationService>();
        services.AddScoped<Domain.Credit.CreditLineService>();
        services.AddScoped<Domain.Statements.StatementService>();
        services.AddScoped<Domain.Reports.ReportService>();
        services.AddSingleton<IStatementRenderer, StatementPdf>();
        services.AddSingleton<IAccountReceiptRenderer, AccountReceiptPdf>();
        services.AddScoped<LaybyPolicyService>();
        services.AddScoped<CreditPolicyService>();
        services.AddScoped<LaybyService>();
        services.AddScoped<Domain.Purchases.PurchaseService>();
        services.AddScoped<Domain.Membership.MembershipService>();
        services.AddScoped<Domain.Loyalty.LoyaltyService>();
        services.AddSingleton(builder.Configuration.GetSection("Import").Get<Domain.Imports.ImportOptions>() ?? new Domain.Imports.ImportOptions());
        services.AddSingleton<Domain.Imports.IImportWorkbook, Imports.ImportWorkbook>();
        services.AddScoped<Domain.Imports.DataImportService>();
        services.AddScoped<Imports.ImportDownloads>();
        services.AddScoped<LaybyJobs>();
        // Jobs run once across web nodes (a claimed row per job and day); the jobs page runs the same instance now.
        services.AddSingleton(Jobs.NodeIdentity.FromConfiguration(builder.Configuration));
        services.AddScoped<Domain.Jobs.JobRunService>();
        services.AddSingleton<Jobs.LaybyDailyJob>();
        services.AddHostedService(sp => sp.GetRequiredService<Jobs.LaybyDailyJob>());
        services.AddHostedService<Backups.DailyBackupJob>();
        services.AddScoped<UiFeedback>();
        services.AddScoped<Domain.Search.RecordLookupService>();
        services.AddScoped<RecordNavigation>();
        services.AddExports(dataFolder);
        Messaging.MessagingSetup.AddMessaging(builder, dataFolder);
        services.AddSingleton<IReceiptRenderer, LaybyReceiptPdf>();

        services.AddPosApi(builder.Configuration);
        services.AddOpenApi();
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        builder.AddSecurityHeaders();
    }

    public static async Task InitializeDatabaseAsync(this WebApplication app, bool seedDemo)
    {
        if (app.Configuration.GetValue("Database:MigrateOnStartup", true))
        {
            await app.Services.GetRequiredService<DatabaseInitializer>().MigrateAsync();
        }

        await app.Services.GetRequiredService<DatabaseInitializer>()
            .EnsureReferenceDataAsync(app.Configuration["Business:Name"] ?? "Our business");
        await app.Services.GetRequiredService<DatabaseInitializer>()
            .EnsureInitialAdminAsync(app.Configuration["InitialAdmin:UserName"], app.Configuration["InitialAdmin:Password"]);
        if (seedDemo)
        {
            await app.Services.GetRequiredService<DemoDataSeeder>().SeedAsync();
            await app.Services.GetRequiredService<DemoCustomerSeeder>().SeedAsync(app.Configuration.GetValue("DemoData:Customers", 500));
            await app.Services.GetRequiredService<DemoInstitutionSeeder>().SeedAsync();
            await app.Services.GetRequiredService<DemoSubscriptionSeeder>().SeedAsync(
                app.Configuration.GetValue("DemoData:SubscribedCustomers", app.Configuration.GetValue("DemoData:Customers", 500)));
            await app.Services.GetRequiredService<DemoSuccessSeeder>().SeedAsync();
        }
    }

    /// <summary>The balance check command: exit code 0 when every cached balance equals its ledger, 1 otherwise.</summary>
    public static async Task<int> CheckBalancesAsync(this WebApplication app, bool fix, TextWriter output)
    {
        using var system = AmbientUser.Use(AmbientUser.System);
        await using var scope = app.Services.CreateAsyncScope();
        var differences = await scope.ServiceProvider.GetRequiredService<AccountLedgerService>().CheckBalancesAsync(fix);
        foreach (var d in differences)
        {
            output.WriteLine($"{d.AccountNumber}: cached {d.Cached:N2}, ledger {d.Ledger:N2}{(fix ? " (corrected)" : "")}");
        }

        output.WriteLine(differences.Count == 0 ? "All account balances equal their ledgers." : $"{differences.Count} account(s) differed.");
        return differences.Count == 0 || fix ? 0 : 1;
    }

    public static void UseCustomerManager(this WebApplication app)
    {
        app.UseSecurityHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
        }

        app.UseStatusCodePagesWithReExecute("/not-found");
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.UseSignInRateLimiting();
        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        app.MapAccountEndpoints();
        app.MapDocumentEndpoints();
        app.MapStatementEndpoints();
        app.MapExportEndpoints();
        app.MapPosApi();
        if (app.Environment.IsDevelopment())
        {
            app.MapOpenApi();
        }
        app.MapHealthChecks("/health", new HealthCheckOptions { AllowCachingResponses = false }).AllowAnonymous();
    }
}

/// <summary>/health: the database answers.</summary>
internal sealed class DatabaseHealthCheck(ICustomerDbFactory dbFactory) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var db = await dbFactory.OpenAsync(cancellationToken);
            return await db.Database.CanConnectAsync(cancellationToken)
                ? HealthCheckResult.Healthy("Database reachable")
                : HealthCheckResult.Unhealthy("Database not reachable");
        }
        catch (Exception e)
        {
            return HealthCheckResult.Unhealthy("Database not reachable", e);
        }
    }
}
