using CustomerManager.Domain.Common;
using CustomerManager.Domain.Users;
using CustomerManager.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerManager.Tests.Users;

public class PasswordRulesTests(AppFactory factory) : IClassFixture<AppFactory>
{
    [Theory]
    [InlineData("iloveyou")]
    [InlineData("password1234")]
    [InlineData("Password123456!")]
    [InlineData("QWERTYUIOP123")]
    [InlineData("superman1234")]
    public void Common_passwords_are_recognised_in_any_case_and_with_padding_at_the_end(string password) =>
        Assert.True(PasswordRules.IsCommon(password));

    [Theory]
    [InlineData("correct horse battery")]
    [InlineData("Demo-Password-2026")]
    [InlineData("a-good-long-password")]
    public void Uncommon_passphrases_pass(string password) => Assert.False(PasswordRules.IsCommon(password));

    [Fact]
    public async Task An_admin_cannot_give_a_new_user_a_common_password_and_is_told_why_on_the_field()
    {
        using var actor = Actors.As("rules-admin", Roles.Admin);
        var admin = factory.Services.CreateScope().ServiceProvider.GetRequiredService<UserAdministrationService>();

        var refused = await Assert.ThrowsAsync<DomainException>(() => admin.CreateAsync(
            new NewUserInput("common-pw", "Common Pw", null, "Password123456!", [Roles.Clerk], [])));

        Assert.Equal(PasswordRules.CommonPasswordMessage, refused.Message);
        Assert.Equal(nameof(NewUserInput.Password), refused.Field);
        Assert.DoesNotContain(await admin.ListAsync(), u => u.UserName == "common-pw");
    }

    [Fact]
    public async Task A_password_containing_the_user_name_is_refused_in_any_case()
    {
        using var actor = Actors.As("rules-admin", Roles.Admin);
        var admin = factory.Services.CreateScope().ServiceProvider.GetRequiredService<UserAdministrationService>();

        var refused = await Assert.ThrowsAsync<DomainException>(() => admin.CreateAsync(
            new NewUserInput("thandiwe", "Thandiwe M", null, "my name is THANDIWE ok", [Roles.Clerk], [])));

        Assert.Equal(PasswordRules.ContainsUserNameMessage, refused.Message);
        Assert.Equal(nameof(NewUserInput.Password), refused.Field);
    }

    [Fact]
    public async Task An_admin_reset_and_the_users_own_change_apply_the_same_rules()
    {
        string id;
        using (Actors.As("rules-admin", Roles.Admin))
        {
            var admin = factory.Services.CreateScope().ServiceProvider.GetRequiredService<UserAdministrationService>();
            id = await admin.CreateAsync(new NewUserInput("rules-user", "Rules User", null, "a-good-long-password", [Roles.Clerk], []));
            var reset = await Assert.ThrowsAsync<DomainException>(() => admin.ResetPasswordAsync(id, "qwertyuiop123"));
            Assert.Equal(PasswordRules.CommonPasswordMessage, reset.Message);
        }

        var principal = Actors.WithRoles("rules-user", Roles.Clerk);
        ((System.Security.Claims.ClaimsIdentity)principal.Identity!).RemoveClaim(principal.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier));
        ((System.Security.Claims.ClaimsIdentity)principal.Identity!).AddClaim(new(System.Security.Claims.ClaimTypes.NameIdentifier, id));
        using (AmbientUser.Use(principal))
        {
            var mine = factory.Services.CreateScope().ServiceProvider.GetRequiredService<MyAccountService>();
            var changed = await Assert.ThrowsAsync<DomainException>(() =>
                mine.ChangePasswordAsync("a-good-long-password", "rules-user and more words", "rules-user and more words"));
            Assert.Equal(PasswordRules.ContainsUserNameMessage, changed.Message);
            Assert.Equal("NewPassword", changed.Field);
        }
    }
}
