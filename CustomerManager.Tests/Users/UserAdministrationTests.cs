using System.Net;
using CustomerManager.Domain.Common;
using CustomerManager.Domain.Users;
using CustomerManager.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerManager.Tests.Users;

public class UserAdministrationTests(AppFactory factory) : IClassFixture<AppFactory>
{
    private const string GoodPassword = "correct horse battery";

    [Fact]
    public async Task An_admin_creates_a_user_with_roles_and_divisions()
    {
        using var actor = Actors.As("users-admin", Roles.Admin);
        var admin = Service();
        var id = await admin.CreateAsync(new NewUserInput("newclerk", "New Clerk", "New.Clerk@Example.com", GoodPassword, [Roles.Clerk], [1, 2]));

        var user = (await admin.ListAsync()).Single(u => u.Id == id);
        Assert.Equal(("newclerk", "New Clerk"), (user.UserName, user.DisplayName));
        Assert.Equal([Roles.Clerk], user.Roles);
        Assert.Equal([1, 2], user.DivisionIds);
        Assert.False(user.IsDisabled);
    }

    [Fact]
    public async Task Roles_and_divisions_can_be_changed()
    {
        using var actor = Actors.As("users-admin", Roles.Admin);
        var admin = Service();
        var id = await admin.CreateAsync(new NewUserInput("changer", "Changer", null, GoodPassword, [Roles.Clerk], [1]));
        var before = (await admin.ListAsync()).Single(u => u.Id == id);

        await admin.UpdateAsync(id, before.ConcurrencyStamp, new UserChangesInput("Changer Two", null, [Roles.CreditManager, Roles.Clerk], [3]));

        var after = (await admin.ListAsync()).Single(u => u.Id == id);
        Assert.Equal([Roles.Clerk, Roles.CreditManager], after.Roles);
        Assert.Equal([3], after.DivisionIds);
        Assert.Equal("Changer Two", after.DisplayName);
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
            admin.UpdateAsync(id, before.ConcurrencyStamp, new UserChangesInput("Stale", null, [Roles.Clerk], [])));
    }

    [Theory]
    [InlineData("shortpw", "Short Pw", "elevenchars", "Clerk", "Password")]
    [InlineData("", "No Name", GoodPassword, "Clerk", "UserName")]
    [InlineData("noroles", "No Roles", GoodPassword, "", "Roles")]
    [InlineData("badrole", "Bad Role", GoodPassword, "Superuser", "Roles")]
    [InlineData("noname", "", GoodPassword, "Clerk", "DisplayName")]
    [InlineData("admin", "Duplicate", GoodPassword, "Clerk", "UserName")]
    public async Task Bad_user_input_is_refused_on_its_field_and_creates_nothing(
        string userName, string displayName, string password, string role, string field)
    {
        using var actor = Actors.As("users-admin", Roles.Admin);
        var admin = Service();
        var before = (await admin.ListAsync()).Count;
        string[] roles = role.Length == 0 ? [] : [role];

        var refused = await Assert.ThrowsAsync<DomainException>(() =>
            admin.CreateAsync(new NewUserInput(userName, displayName, null, password, roles, [])));

        Assert.Equal(field, refused.Field);
        Assert.False(string.IsNullOrWhiteSpace(refused.Message));
        Assert.Equal(before, (await admin.ListAsync()).Count);
    }

    [Fact]
    public async Task A_twelve_character_password_without_composition_rules_is_accepted()
    {
        using var actor = Actors.As("users-admin", Roles.Admin);
        var id = await Service().CreateAsync(new NewUserInput("simplepw", "Simple", null, "aaaaaaaaaaab", [Roles.Clerk], []));
        Assert.NotEmpty(id);
    }

    [Fact]
    public async Task Disabling_and_enabling_is_refused_when_it_would_make_no_change_or_lock_out_the_last_admin()
    {
        using var actor = Actors.As("users-admin", Roles.Admin);
        var admin = Service();
        var id = await admin.CreateAsync(new NewUserInput("toggle", "Toggle", null, GoodPassword, [Roles.Clerk], []));
        await admin.SetDisabledAsync(id, true);
        Assert.True((await admin.ListAsync()).Single(u => u.Id == id).IsDisabled);
        await Assert.ThrowsAsync<DomainException>(() => admin.SetDisabledAsync(id, true));
        await admin.SetDisabledAsync(id, false);
        Assert.False((await admin.ListAsync()).Single(u => u.Id == id).IsDisabled);

        var adminUser = (await admin.ListAsync()).Single(u => u.UserName == "admin");
        var lastAdmin = await Assert.ThrowsAsync<DomainException>(() => admin.SetDisabledAsync(adminUser.Id, true));
        Assert.Contains("last active admin", lastAdmin.Message);
    }

    [Fact]
    public async Task A_reset_password_works_and_lifts_the_lockout()
    {
        using var actor = Actors.As("users-admin", Roles.Admin);
        var admin = Service();
        var id = await admin.CreateAsync(new NewUserInput("forgetful", "Forgetful", null, GoodPassword, [Roles.Clerk], []));
        using var client = SignInClient.For(factory);

        // Five wrong passwords lock the account: then even the right one is refused, with the lockout message.
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var wrong = await client.SignInAsync("forgetful", "not the password at all");
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        }

        var locked = await client.SignInAsync("forgetful", GoodPassword);
        Assert.Equal(HttpStatusCode.OK, locked.StatusCode);
        Assert.Contains("locked", await SignInClient.ErrorOf(locked));
        Assert.True((await admin.ListAsync()).Single(u => u.Id == id).IsLockedOut);

        await Assert.ThrowsAsync<DomainException>(() => admin.ResetPasswordAsync(id, "short"));
        Assert.True((await admin.ListAsync()).Single(u => u.Id == id).IsLockedOut);
        await admin.ResetPasswordAsync(id, "a brand new passphrase");

        Assert.False((await admin.ListAsync()).Single(u => u.Id == id).IsLockedOut);
        Assert.Equal(HttpStatusCode.OK, (await client.SignInAsync("forgetful", GoodPassword)).StatusCode);
        await client.SignInSuccessfullyAsync("forgetful", "a brand new passphrase");
    }

    [Theory]
    [InlineData(Roles.Clerk)]
    [InlineData(Roles.CreditManager)]
    [InlineData(Roles.Accountant)]
    public async Task Only_admins_administer_users(string role)
    {
        using var actor = Actors.As("not-an-admin", role);
        var admin = Service();
        await Assert.ThrowsAsync<AccessDeniedException>(() => admin.ListAsync());
        await Assert.ThrowsAsync<AccessDeniedException>(() =>
            admin.CreateAsync(new NewUserInput("sneaky", "Sneaky", null, GoodPassword, [Roles.Admin], [])));
        await Assert.ThrowsAsync<AccessDeniedException>(() => admin.SetDisabledAsync("x", true));
        await Assert.ThrowsAsync<AccessDeniedException>(() => admin.ResetPasswordAsync("x", GoodPassword));
    }

    [Fact]
    public async Task Creating_a_user_is_audited_without_secrets()
    {
        using (Actors.As("users-admin", Roles.Admin))
        {
            await Service().CreateAsync(new NewUserInput("audited", "Audited", null, GoodPassword, [Roles.Accountant], []));
        }

        using var reader = Actors.As("users-reader", Roles.Accountant);
        using var scope = factory.Scope();
        var log = scope.ServiceProvider.GetRequiredService<Domain.Auditing.AuditLogService>();
        var created = (await log.SearchAsync(new Domain.Auditing.AuditLogFilter(EntityType: "User", UserName: "users-admin"), 0, 500))
            .Items.Single(e => e.Changes.Any(c => c.Field == "UserName" && c.NewValue == "audited"));
        Assert.DoesNotContain(created.Changes, c => c.Field == "SecurityStamp");
        Assert.Contains(created.Changes, c => c.Field == "PasswordHash" && c.NewValue == "(hidden, changed)");
        Assert.DoesNotContain(created.Changes, c => c.NewValue != null && c.NewValue.StartsWith("AQAAAA", StringComparison.Ordinal));
        var roles = await log.SearchAsync(new Domain.Auditing.AuditLogFilter(EntityType: "UserRole", UserName: "users-admin"), 0, 500);
        Assert.NotEmpty(roles.Items);
    }

    private UserAdministrationService Service() =>
        factory.Services.CreateScope().ServiceProvider.GetRequiredService<UserAdministrationService>();
}
