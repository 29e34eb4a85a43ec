using System.Net;
using CustomerManager.Data.Seeding;
using CustomerManager.Domain.Accounts;
using CustomerManager.Domain.Common;
using CustomerManager.Domain.Customers;
using CustomerManager.Domain.Laybys;
using CustomerManager.Tests.Customers;
using CustomerManager.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerManager.Tests.Laybys;

public class LaybyReceiptEndpointTests(AppFactory factory) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task A_payment_receipt_opens_as_a_pdf_with_its_number_amount_and_balance_after()
    {
        LaybyEntry payment;
        using (Actors.As("receipt-clerk", Roles.Clerk))
        {
            using var scope = factory.Scope();
            var customer = await scope.ServiceProvider.GetRequiredService<CustomerService>().CreateAsync(CustomerTestData.Person("Zoë", "Receipts"));
            await scope.ServiceProvider.GetRequiredService<DivisionAccountService>().OpenAsync(customer.Id, 3);
            var laybys = scope.ServiceProvider.GetRequiredService<LaybyService>();
            var layby = await laybys.OpenAsync(new OpenLaybyInput(customer.Id, 3, [new LaybyItemInput("Suit", null, 1, 2000m)], 400m,
                PaymentMethod.Cash, LaybyFrequency.Monthly, DateOnly.FromDateTime(DateTime.UtcNow).AddDays(85), Guid.NewGuid()));
            payment = await laybys.PayAsync(layby.Id, 1250m, PaymentMethod.Card, "slip 42", Guid.NewGuid());
        }

        using var client = SignInClient.For(factory);
        await client.SignInSuccessfullyAsync("clerk", DemoDataSeeder.DemoPassword);
        var response = await client.Http.GetAsync($"/receipts/{payment.ReceiptNumber}.pdf");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.Null(response.Content.Headers.ContentDisposition?.FileName);
        var text = await Poppler.PdfToTextAsync(await response.Content.ReadAsByteArrayAsync());
        Assert.Contains(payment.ReceiptNumber!, text);
        Assert.Contains("1,250.00", text);
        Assert.Contains("375.00", text); // 2,000 + 25 admin fee − 400 deposit − 1,250
        Assert.Contains("Zoë Receipts", text);

        Assert.Equal(HttpStatusCode.NotFound, (await client.Http.GetAsync("/receipts/RCT-CLO-999999.pdf")).StatusCode);
        using var anonymous = SignInClient.For(factory);
        Assert.Equal(HttpStatusCode.Redirect, (await anonymous.Http.GetAsync($"/receipts/{payment.ReceiptNumber}.pdf")).StatusCode);
    }
}
