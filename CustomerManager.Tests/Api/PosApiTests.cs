using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CustomerManager.Domain.Accounts;
using CustomerManager.Domain.Common;
using CustomerManager.Domain.Customers;
using CustomerManager.Domain.Integrations;
using CustomerManager.Domain.Laybys;
using CustomerManager.Tests.Customers;
using CustomerManager.Tests.Statements;
using CustomerManager.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerManager.Tests.Api;

/// <summary>The point-of-sale API through the real app (WebApplicationFactory): every endpoint, key scope and error of issue 18.</summary>
public class PosApiTests(StatementAppFactory factory) : IClassFixture<StatementAppFactory>
{
    private const int Grocery = 1;
    private const int Clothing = 3;
    private const int Hardware = 4;

    [Fact]
    public async Task Unknown_revoked_and_read_only_keys_are_refused_and_a_key_for_another_division_gets_403()
    {
        var (customerId, _) = await CustomerAsync(Hardware);
        var (clothingKeyId, clothingKey) = await KeyAsync([Clothing], canWrite: true);
        var (_, readKey) = await KeyAsync([Hardware], canWrite: false);

        var unknown = await Send(HttpMethod.Get, $"/api/v1/customers/{customerId}/balances", "cmk_00000000000000000000000000000000");
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType!.MediaType);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Send(HttpMethod.Get, $"/api/v1/customers/{customerId}/balances", null)).StatusCode);

        var otherDivision = await Send(HttpMethod.Get, $"/api/v1/customers/{customerId}/balances", clothingKey);
        Assert.Equal(HttpStatusCode.Forbidden, otherDivision.StatusCode);
        var otherDivisionPurchase = await Send(HttpMethod.Post, "/api/v1/purchases", clothingKey, new { customerId, divisionId = Hardware, total = 10m, payments = new[] { new { method = "Cash" } } }, "k-other");
        Assert.Equal(HttpStatusCode.Forbidden, otherDivisionPurchase.StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await Send(HttpMethod.Get, $"/api/v1/customers/{customerId}/balances", readKey)).StatusCode);
        var readOnly = await Send(HttpMethod.Post, "/api/v1/purchases", readKey, new { customerId, divisionId = Hardware, total = 10m, payments = new[] { new { method = "Cash" } } }, "k-read");
        Assert.Equal(HttpStatusCode.Forbidden, readOnly.StatusCode);
        Assert.Contains("may only read", await readOnly.Content.ReadAsStringAsync());

        using (Actors.As("api-admin", Roles.Admin))
        {
            await Service<ApiKeyService>().RevokeAsync(clothingKeyId);
            var row = (await Service<ApiKeyService>().ListAsync()).Single(k => k.Id == clothingKeyId);
            Assert.NotNull(row.RevokedAtUtc);
            Assert.NotNull(row.LastUsedAtUtc);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await Send(HttpMethod.Get, "/api/v1/customers?number=UCST-000001", clothingKey)).StatusCode);
        await using var db = await Db();
        Assert.False(await db.Purchases.AnyAsync(p => p.CustomerId == customerId));
        Assert.DoesNotContain(clothingKey, string.Join("", await db.ApiKeys.Select(k => k.Hash + k.Lookup + k.Name).ToListAsync()));
    }

    [Fact]
    public async Task A_recorded_purchase_answers_with_its_points_and_a_retry_replays_it_while_another_body_is_422()
    {
        factory.Clock.Set("2026-11-30");
        var (customerId, _) = await CustomerAsync(Grocery);
        var (_, key) = await KeyAsync([Grocery], canWrite: true);
        var body = new { customerId, divisionId = Grocery, lines = new[] { new { description = "Coffee 1 kg", sku = "COF-1", quantity = 3, unitPrice = 189.90m } }, payments = new[] { new { method = "Card" } }, till = "POS 7" };

        var first = await Send(HttpMethod.Post, "/api/v1/purchases", key, body, "sale-1");
        var again = await Send(HttpMethod.Post, "/api/v1/purchases", key, body, "sale-1");
        var changed = await Send(HttpMethod.Post, "/api/v1/purchases", key, body with { }, "sale-1", text => text.Replace("189.90", "189.00"));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var json = JsonDocument.Parse(await first.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(569.70m, json.GetProperty("total").GetDecimal());
        Assert.Equal(569, json.GetProperty("pointsEarned").GetInt32());
        Assert.Equal(569, json.GetProperty("pointsHeld").GetInt32());
        Assert.Equal("Bronze", json.GetProperty("tier").GetString());
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await again.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, changed.StatusCode);
        Assert.Contains("already used for another request", await changed.Content.ReadAsStringAsync());
        await using var db = await Db();
        Assert.Equal(1, await db.Purchases.CountAsync(p => p.CustomerId == customerId));
    }

    [Fact]
    public async Task Bad_input_is_a_problem_with_a_specific_message_and_nothing_changes()
    {
        var (customerId, _) = await CustomerAsync(Grocery);
        var (_, key) = await KeyAsync([Grocery], canWrite: true);

        var malformed = await Send(HttpMethod.Post, "/api/v1/purchases", key, null, "bad-1", _ => "{\"customerId\": \"abc\"}");
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal("customerId", Problem(malformed).GetProperty("field").GetString());
        var empty = await Send(HttpMethod.Post, "/api/v1/purchases", key, new { customerId, divisionId = Grocery, payments = new[] { new { method = "Cash" } } }, "bad-2");
        Assert.Equal("Enter the purchase's lines or its total.", Problem(empty).GetProperty("detail").GetString());
        var negative = await Send(HttpMethod.Post, "/api/v1/purchases", key,
            new { customerId, divisionId = Grocery, lines = new[] { new { description = "Eggs", quantity = -1, unitPrice = 3m } }, payments = new[] { new { method = "Cash" } } }, "bad-3");
        Assert.Equal("Line 1: the quantity must be more than 0.", Problem(negative).GetProperty("detail").GetString());
        var noKey = await Send(HttpMethod.Post, "/api/v1/purchases", key, new { customerId, divisionId = Grocery, total = 5m, payments = new[] { new { method = "Cash" } } }, null);
        Assert.Equal(HttpStatusCode.BadRequest, noKey.StatusCode);
        Assert.Contains("Idempotency-Key", Problem(noKey).GetProperty("detail").GetString());
        var tooMany = await Send(HttpMethod.Post, "/api/v1/points/redeem", key, new { accountNumber = await AccountNumberAsync(customerId), points = 10 }, "bad-4");
        Assert.Equal("Only 0 points are held; 10 cannot be redeemed.", Problem(tooMany).GetProperty("detail").GetString());
        await using var db = await Db();
        Assert.False(await db.Purchases.AnyAsync(p => p.CustomerId == customerId));
        Assert.False(await db.PointEntries.AnyAsync(p => p.CustomerId == customerId));
    }

    [Fact]
    public async Task Lookup_create_with_the_duplicate_check_redeem_layby_payment_and_balances()
    {
        factory.Clock.Set("2026-11-30");
        var (customerId, accountId) = await CustomerAsync(Clothing);
        var (_, key) = await KeyAsync([Clothing], canWrite: true);
        Customer customer;
        string accountNumber;
        await using (var db = await Db())
        {
            customer = await db.Customers.SingleAsync(c => c.Id == customerId);
            accountNumber = await AccountNumberAsync(customerId);
        }

        foreach (var query in new[] { $"number={customer.CustomerNumber.ToLowerInvariant()}", $"email={customer.PrimaryEmail!.ToUpperInvariant()}", $"account={accountNumber}", $"phone={Uri.EscapeDataString(customer.PrimaryPhone)}" })
        {
            var found = JsonDocument.Parse(await (await Send(HttpMethod.Get, $"/api/v1/customers?{query}", key)).Content.ReadAsStringAsync()).RootElement;
            Assert.Equal(customerId, Assert.Single(found.EnumerateArray()).GetProperty("id").GetInt32());
        }

        var person = new { type = "Individual", firstName = "Api" + Guid.NewGuid().ToString("N")[..6], lastName = "Person", email = $"api.{Guid.NewGuid():N}@example.com", phone = "082 555 " + Random.Shared.Next(1000, 9999) };
        var created = await Send(HttpMethod.Post, "/api/v1/customers", key, person, "new-1");
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var duplicate = await Send(HttpMethod.Post, "/api/v1/customers", key, person with { email = $"other.{Guid.NewGuid():N}@example.com" }, "new-2");
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        var candidate = Assert.Single(Problem(duplicate).GetProperty("candidates").EnumerateArray());
        Assert.Equal(JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt32(), candidate.GetProperty("customerId").GetInt32());

        await Send(HttpMethod.Post, "/api/v1/purchases", key, new { customerId, divisionId = Clothing, total = 1000m, payments = new[] { new { method = "Cash" } } }, "buy-1");
        var redeemed = await Send(HttpMethod.Post, "/api/v1/points/redeem", key, new { accountNumber, points = 250, reference = "POS-99" }, "redeem-1");
        Assert.Equal(HttpStatusCode.Created, redeemed.StatusCode);
        var redemption = JsonDocument.Parse(await redeemed.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal((2.50m, 750), (redemption.GetProperty("value").GetDecimal(), redemption.GetProperty("heldAfter").GetInt32()));

        Layby layby;
        using (Actors.As("api-clerk", Roles.Clerk))
        {
            layby = await Service<LaybyService>().OpenAsync(new OpenLaybyInput(customerId, Clothing, [new LaybyItemInput("Boots", null, 1, 800m)], 200m,
                PaymentMethod.Cash, LaybyFrequency.Monthly, new DateOnly(2027, 1, 30), Guid.NewGuid()));
        }

        var paid = await Send(HttpMethod.Post, $"/api/v1/laybys/{layby.LaybyNumber}/payments", key, new { amount = 100m, method = "Card" }, "lay-1");
        Assert.Equal(HttpStatusCode.Created, paid.StatusCode);
        var payment = JsonDocument.Parse(await paid.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(layby.Balance - 100m, payment.GetProperty("balance").GetDecimal());
        Assert.StartsWith("RCT-CLO-", payment.GetProperty("receiptNumber").GetString());

        var balances = JsonDocument.Parse(await (await Send(HttpMethod.Get, $"/api/v1/customers/{customerId}/balances", key)).Content.ReadAsStringAsync()).RootElement;
        var account = Assert.Single(balances.GetProperty("accounts").EnumerateArray());
        Assert.Equal((750, "Bronze"), (account.GetProperty("points").GetInt32(), account.GetProperty("tier").GetString()));
        Assert.Equal(layby.LaybyNumber, Assert.Single(balances.GetProperty("openLaybys").EnumerateArray()).GetProperty("laybyNumber").GetString());

        using (Actors.As("api-manager", Roles.CreditManager))
        {
            var profile = await Service<CustomerService>().GetProfileAsync(customerId);
            await Service<CustomerService>().SetBlacklistAsync(customerId, profile.Customer.Version, true, "Chargebacks");
        }

        var blacklisted = await Send(HttpMethod.Post, "/api/v1/points/redeem", key, new { accountNumber, points = 10 }, "redeem-2");
        Assert.EndsWith("is blacklisted; points cannot be redeemed.", Problem(blacklisted).GetProperty("detail").GetString());
        await using var check = await Db();
        Assert.Equal(750, (await check.DivisionAccounts.SingleAsync(a => a.Id == accountId)).LoyaltyPoints);
    }

    private static JsonElement Problem(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        return JsonDocument.Parse(response.Content.ReadAsStringAsync().Result).RootElement;
    }

    private async Task<HttpResponseMessage> Send(HttpMethod method, string path, string? key, object? body = null, string? idempotencyKey = null, Func<string, string>? edit = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (key is not null)
        {
            request.Headers.Add("X-Api-Key", key);
        }

        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        if (method == HttpMethod.Post)
        {
            var text = JsonSerializer.Serialize(body, new JsonSerializerOptions(JsonSerializerDefaults.Web));
            request.Content = new StringContent(edit?.Invoke(text) ?? text, Encoding.UTF8, "application/json");
        }

        return await factory.CreateClient().SendAsync(request);
    }

    private async Task<(int Id, string Secret)> KeyAsync(int[] divisions, bool canWrite)
    {
        using var actor = Actors.As("api-admin", Roles.Admin);
        var (row, secret) = await Service<ApiKeyService>().CreateAsync("Till " + Guid.NewGuid().ToString("N")[..6], divisions, canWrite);
        Assert.StartsWith("cmk_", secret);
        return (row.Id, secret);
    }

    private async Task<(int CustomerId, int AccountId)> CustomerAsync(int divisionId)
    {
        using var actor = Actors.As("api-clerk", Roles.Clerk);
        var customer = await Service<CustomerService>().CreateAsync(CustomerTestData.Person());
        var account = await Service<DivisionAccountService>().OpenAsync(customer.Id, divisionId);
        return (customer.Id, account.Id);
    }

    private async Task<string> AccountNumberAsync(int customerId)
    {
        await using var db = await Db();
        return await db.DivisionAccounts.Where(a => a.CustomerId == customerId).Select(a => a.AccountNumber).SingleAsync();
    }

    private Task<ICustomerDb> Db() => factory.Services.GetRequiredService<ICustomerDbFactory>().OpenAsync();

    private T Service<T>()
        where T : notnull => factory.Services.CreateScope().ServiceProvider.GetRequiredService<T>();
}

/// <summary>The app with a limit of 3 API requests a minute per key.</summary>
public sealed class LimitedApiFactory : AppFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Api:RequestsPerMinute", "3");
    }
}

public class PosApiRateLimitTests(LimitedApiFactory factory) : IClassFixture<LimitedApiFactory>
{
    [Fact]
    public async Task Each_key_has_its_own_rate_limit_and_the_fourth_request_in_a_minute_is_429()
    {
        string first, second;
        using (Actors.As("api-admin", Roles.Admin))
        {
            var keys = factory.Services.CreateScope().ServiceProvider.GetRequiredService<ApiKeyService>();
            first = (await keys.CreateAsync("Till A", [1], false)).Secret;
            second = (await keys.CreateAsync("Till B", [1], false)).Secret;
        }

        var client = factory.CreateClient();
        async Task<HttpStatusCode> Get(string key)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/customers?number=UCST-000001");
            request.Headers.Add("X-Api-Key", key);
            return (await client.SendAsync(request)).StatusCode;
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK], [await Get(first), await Get(first), await Get(first)]);
        using var limited = new HttpRequestMessage(HttpMethod.Get, "/api/v1/customers?number=UCST-000001");
        limited.Headers.Add("X-Api-Key", first);
        var refused = await client.SendAsync(limited);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType!.MediaType);
        Assert.Equal(HttpStatusCode.OK, await Get(second));
    }
}
