using Bunit;
using CustomerManager.Domain.Accounts;
using CustomerManager.Domain.Common;
using CustomerManager.Domain.Customers;
using CustomerManager.Domain.Laybys;
using CustomerManager.Tests.Customers;
using CustomerManager.Tests.Support;
using CustomerManager.Web.Components.Pages.Laybys;
using CustomerManager.Web.Components.Shared;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace CustomerManager.Tests.Laybys;

/// <summary>The take-payment dialog against the real layby service: what the clerk types is what is posted, or nothing is.</summary>
public class TakePaymentDialogTests : MudTestContext, IClassFixture<AppFactory>
{
    private const int Clothing = 3;
    private readonly AppFactory factory;

    public TakePaymentDialogTests(AppFactory factory)
    {
        this.factory = factory;
        Services.AddLogging();
        Services.AddScoped(_ => factory.Services.CreateScope().ServiceProvider.GetRequiredService<LaybyService>());
        Services.AddScoped<UiFeedback>();
    }

    [Theory]
    [InlineData("1e30")]
    [InlineData("R150")]
    public async Task An_amount_that_is_not_one_is_refused_beside_the_field_and_nothing_is_posted(string typed)
    {
        using var actor = Actors.As("layby-clerk", Roles.Clerk);
        var layby = await OpenLaybyAsync();
        var (dialogs, shown) = await ShowDialogAsync(layby);

        dialogs.WaitForElement("#payment-amount").Input(typed);
        dialogs.Find("#take-payment-form").Submit();

        dialogs.WaitForAssertion(() => Assert.NotEmpty(dialogs.FindAll(".cm-money .mud-input-error")));
        Assert.Contains("Enter the amount paid", dialogs.Find(".cm-field-error").TextContent);
        Assert.Equal("Record payment", dialogs.Find("#record-payment").TextContent.Trim());
        Assert.False(shown.IsCompleted, "the dialog stays open on a refusal");
        var stored = await Service().GetAsync(layby.Id);
        Assert.DoesNotContain(stored.Entries, e => e.Kind == LaybyEntryKind.Payment);
        Assert.Equal(layby.Balance, stored.Balance);
    }

    [Fact]
    public async Task An_amount_typed_with_a_space_and_a_decimal_comma_posts_exactly_that_amount()
    {
        using var actor = Actors.As("layby-clerk", Roles.Clerk);
        var layby = await OpenLaybyAsync();
        Assert.True(layby.Balance > 1500.50m, "the balance must allow the payment");
        var (dialogs, shown) = await ShowDialogAsync(layby);

        dialogs.WaitForElement("#payment-amount").Input("1 500,50");
        var parser = Services.GetRequiredService<MoneyParser>();
        dialogs.WaitForAssertion(() => Assert.Equal($"Record payment of {parser.Culture.NumberFormat.CurrencySymbol} {parser.Format(1500.50m)}", dialogs.Find("#record-payment").TextContent.Trim()));
        dialogs.Find("#take-payment-form").Submit();

        var entry = await shown.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.NotNull(entry);
        var stored = await Service().GetAsync(layby.Id);
        var payment = Assert.Single(stored.Entries, e => e.Kind == LaybyEntryKind.Payment);
        Assert.Equal(1500.50m, Math.Abs(payment.Amount));
        Assert.Equal(layby.Balance - 1500.50m, stored.Balance);
    }

    private async Task<(IRenderedComponent<MudDialogProvider> Dialogs, Task<LaybyEntry?> Shown)> ShowDialogAsync(Layby layby)
    {
        var (_, dialogs, _) = RenderProviders();
        var dialogService = Services.GetRequiredService<IDialogService>();
        Task<LaybyEntry?> shown = Task.FromResult<LaybyEntry?>(null);
        // Not awaited inside the renderer: the task completes only when the dialog closes.
        await dialogs.InvokeAsync(() => { shown = TakePaymentDialog.ShowAsync(dialogService, layby); });
        return (dialogs, shown);
    }

    private LaybyService Service() => factory.Services.CreateScope().ServiceProvider.GetRequiredService<LaybyService>();

    private async Task<Layby> OpenLaybyAsync()
    {
        using var scope = factory.Services.CreateScope();
        var customer = await scope.ServiceProvider.GetRequiredService<CustomerService>().CreateAsync(CustomerTestData.Person());
        await scope.ServiceProvider.GetRequiredService<DivisionAccountService>().OpenAsync(customer.Id, Clothing);
        var opened = await Service().OpenAsync(new OpenLaybyInput(customer.Id, Clothing, [new LaybyItemInput("Lounge suite", "SUITE-1", 1, 3000m)], 600m,
            PaymentMethod.Cash, LaybyFrequency.Monthly, DateOnly.FromDateTime(DateTime.UtcNow).AddDays(90), Guid.NewGuid()));
        return await Service().GetAsync(opened.Id);
    }
}
