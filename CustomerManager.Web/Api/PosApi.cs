using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading.RateLimiting;
using CustomerManager.Domain.Common;
using CustomerManager.Domain.Customers;
using CustomerManager.Domain.Integrations;
using CustomerManager.Domain.Laybys;
using CustomerManager.Domain.Loyalty;
using CustomerManager.Domain.Purchases;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Web.Api;

public sealed record CreateCustomerRequest(
    CustomerType Type, string? FirstName, string? LastName, string? CompanyName, string? Email, string? Phone, string? NationalId,
    IReadOnlyList<int>? NotDuplicateOf);

public sealed record PurchaseLineRequest(string Description, string? Sku, int Quantity, decimal UnitPrice);

public sealed record PaymentRequest(Tender Method, decimal? Amount);

public sealed record RecordPurchaseRequest(
    int CustomerId, int DivisionId, IReadOnlyList<PurchaseLineRequest>? Lines, decimal? Total, IReadOnlyList<PaymentRequest>? Payments,
    int PointsToRedeem, string? Till, string? Reference);

public sealed record RedeemRequest(string AccountNumber, int Points, string? Reference);

public sealed record LaybyPaymentRequest(decimal Amount, PaymentMethod Method, string? Reference);

/// <summary>
/// The HTTP API for point-of-sale systems and integrations (issue 18) under /api/v1: an API key in <c>X-Api-Key</c> (or
/// <c>Authorization: Bearer</c>) acts as a clerk (write keys) or a reader limited to the key's divisions, so every call
/// goes through the same domain services, checks and audit as the UI. Errors are application/problem+json; each key
/// has its own rate limit; every POST needs an <c>Idempotency-Key</c> and a retry gets the first answer again.
/// </summary>
public static class PosApi
{
    public const string KeyHeader = "X-Api-Key";
    public const string IdempotencyHeader = "Idempotency-Key";
    private const string RatePolicy = "pos-api";

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
    };

    public static IServiceCollection AddPosApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<ApiKeyService>();
        services.AddScoped<PosReadService>();
        var perMinute = configuration.GetValue("Api:RequestsPerMinute", 600);
        services.AddOptions<RateLimiterOptions>().Configure(o =>
        {
            o.AddPolicy(RatePolicy, context => RateLimitPartition.GetFixedWindowLimiter(
                "key:" + (ApiKey.LookupOf(PresentedKey(context)) ?? "none"),
                _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            var signIn = o.OnRejected;
            o.OnRejected = async (rejected, token) =>
            {
                if (rejected.HttpContext.Request.Path.StartsWithSegments("/api"))
                {
                    rejected.HttpContext.Response.Headers.RetryAfter = "60";
                    await Problem(StatusCodes.Status429TooManyRequests, "Too many requests",
                        $"This key may make {perMinute} requests a minute; try again in a minute.").ExecuteAsync(rejected.HttpContext);
                    return;
                }

                if (signIn is not null)
                {
                    await signIn(rejected, token);
                }
            };
        });
        return services;
    }

    public static void MapPosApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/v1").RequireRateLimiting(RatePolicy).AddEndpointFilter(AuthenticateAsync).DisableAntiforgery()
            .WithTags("Point of sale").ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404)
            .ProducesProblem(422).ProducesProblem(429);

        api.MapGet("/customers", (string? number, string? phone, string? email, string? account, PosReadService reads, CancellationToken ct) =>
            Run(async () => Results.Ok(await reads.LookupAsync(number, phone, email, account, ct))))
            .Produces<IReadOnlyList<PosCustomer>>()
            .WithSummary("Look up a customer by number, phone, e-mail or division account number");

        api.MapGet("/customers/{id:int}/balances", (int id, PosReadService reads, CancellationToken ct) =>
            Run(async () => Results.Ok(await reads.BalancesAsync(id, ct))))
            .Produces<PosBalances>()
            .WithSummary("A customer's balances, points, tiers and open laybys");

        api.MapPost("/customers", (HttpContext http, CustomerService customers) =>
            IdempotentAsync<CreateCustomerRequest>(http, async (body, ct) =>
            {
                var created = await customers.CreateAsync(new CustomerDetails
                {
                    Type = body.Type,
                    FirstName = body.FirstName,
                    LastName = body.LastName,
                    CompanyName = body.CompanyName,
                    PrimaryEmail = body.Email,
                    PrimaryPhone = body.Phone ?? "",
                    NationalId = body.NationalId,
                    Source = "API",
                }, body.NotDuplicateOf, ct);
                return Results.Json(new { created.Id, created.CustomerNumber, Name = created.FullName }, Json, statusCode: StatusCodes.Status201Created);
            }))
            .Accepts<CreateCustomerRequest>("application/json").ProducesProblem(409)
            .WithSummary("Register a customer (a likely duplicate answers 409 with the candidates)");

        api.MapPost("/purchases", (HttpContext http, PurchaseService purchases) =>
            IdempotentAsync<RecordPurchaseRequest>(http, async (body, ct) =>
            {
                var receipt = await purchases.RecordAsync(new PurchaseInput(body.CustomerId, body.DivisionId,
                    body.Lines?.Select(l => new PurchaseLineInput(l.Description, l.Sku, l.Quantity, l.UnitPrice)).ToList(), body.Total,
                    body.Payments?.Select(p => new TenderInput(p.Method, p.Amount)).ToList(), body.PointsToRedeem, body.Till, body.Reference), ct);
                var p = receipt.Purchase;
                return Results.Json(new
                {
                    p.Id,
                    p.PurchaseNumber,
                    receipt.AccountNumber,
                    p.Subtotal,
                    p.StaffDiscount,
                    p.Discount,
                    p.Total,
                    p.PointsRedeemed,
                    p.PointsEarned,
                    receipt.PointsHeld,
                    TierBefore = receipt.TierBefore.ToString(),
                    Tier = receipt.TierAfter.ToString(),
                }, Json, statusCode: StatusCodes.Status201Created);
            }))
            .Accepts<RecordPurchaseRequest>("application/json")
            .WithSummary("Record a purchase; the answer has the points earned and held and the tier");

        api.MapPost("/points/redeem", (HttpContext http, LoyaltyService loyalty) =>
            IdempotentAsync<RedeemRequest>(http, async (body, ct) =>
            {
                var accountId = await AccountIdAsync(http, body.AccountNumber, ct);
                var result = await loyalty.RedeemAsync(accountId, body.Points, body.Reference, ct);
                return Results.Json(result, Json, statusCode: StatusCodes.Status201Created);
            }))
            .Accepts<RedeemRequest>("application/json").Produces<RedemptionResult>(201)
            .WithSummary("Redeem points as a discount at the till (oldest-expiring first, never more than held)");

        api.MapPost("/laybys/{number}/payments", (string number, HttpContext http, PosReadService reads, LaybyService laybys) =>
            IdempotentAsync<LaybyPaymentRequest>(http, async (body, ct) =>
            {
                var id = await reads.LaybyIdAsync(number, ct);
                var entry = await laybys.PayAsync(id, body.Amount, body.Method, body.Reference, Guid.NewGuid(), cancellationToken: ct);
                var layby = await laybys.GetAsync(id, ct);
                return Results.Json(new { layby.LaybyNumber, entry.ReceiptNumber, Amount = -entry.Amount, layby.Balance, Status = layby.Status.ToString() },
                    Json, statusCode: StatusCodes.Status201Created);
            }))
            .Accepts<LaybyPaymentRequest>("application/json")
            .WithSummary("Take a layby payment");
    }

    /// <summary>The division account a number names, through the read service's division check.</summary>
    private static async Task<int> AccountIdAsync(HttpContext http, string? accountNumber, CancellationToken ct)
    {
        var factory = http.RequestServices.GetRequiredService<ICustomerDbFactory>();
        var user = http.RequestServices.GetRequiredService<ICurrentUser>();
        await using var db = await factory.OpenAsync(ct);
        var n = (accountNumber ?? "").Trim().ToUpperInvariant();
        var account = await db.DivisionAccounts.AsNoTracking().Where(a => a.AccountNumber == n).Select(a => new { a.Id, a.DivisionId }).FirstOrDefaultAsync(ct)
            ?? throw new NotFoundException($"There is no account {n}.");
        user.RequireDivision(account.DivisionId);
        return account.Id;
    }

    private static string? PresentedKey(HttpContext context) =>
        context.Request.Headers[KeyHeader].FirstOrDefault()
        ?? (context.Request.Headers.Authorization.FirstOrDefault() is { } auth && auth.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? auth[7..].Trim() : null);

    /// <summary>401 for a missing, unknown or revoked key; 403 for a read-only key on a POST; otherwise the request acts as the key.</summary>
    private static async ValueTask<object?> AuthenticateAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var http = invocation.HttpContext;
        var key = await http.RequestServices.GetRequiredService<ApiKeyService>().AuthenticateAsync(PresentedKey(http), http.RequestAborted);
        if (key is null)
        {
            return Problem(StatusCodes.Status401Unauthorized, "Unknown or revoked API key", $"Send a valid API key in the {KeyHeader} header.");
        }

        if (HttpMethods.IsPost(http.Request.Method) && !key.CanWrite)
        {
            return Problem(StatusCodes.Status403Forbidden, "Read-only key", $"The key \"{key.Name}\" may only read.");
        }

        http.Items[typeof(ApiKey)] = key;
        http.User = new ClaimsPrincipal(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.Name, $"api:{key.Name}"),
            new Claim(ClaimTypes.NameIdentifier, $"api-key-{key.Id}"),
            new Claim(ClaimTypes.Role, key.CanWrite ? Roles.Clerk : Roles.Accountant),
            .. key.Divisions.Select(d => new Claim(UserClaimTypes.Division, d.ToString(System.Globalization.CultureInfo.InvariantCulture))),
        ], authenticationType: "ApiKey"));
        return await next(invocation);
    }

    /// <summary>
    /// A POST: needs an Idempotency-Key; the same key and body again returns the stored first answer; the same key with
    /// another body is refused with 422. Malformed JSON is a 400 naming the field.
    /// </summary>
    private static async Task<IResult> IdempotentAsync<T>(HttpContext http, Func<T, CancellationToken, Task<IResult>> handle)
    {
        var ct = http.RequestAborted;
        var idempotencyKey = http.Request.Headers[IdempotencyHeader].FirstOrDefault()?.Trim();
        if (idempotencyKey is not { Length: > 0 and <= 100 })
        {
            return Problem(StatusCodes.Status400BadRequest, "Idempotency-Key needed", $"Send an {IdempotencyHeader} header (1 to 100 characters) with every POST.");
        }

        using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
        var text = await reader.ReadToEndAsync(ct);
        var apiKey = (ApiKey)http.Items[typeof(ApiKey)]!;
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{http.Request.Method} {http.Request.Path}\n{text}")));
        var dbFactory = http.RequestServices.GetRequiredService<ICustomerDbFactory>();
        await using (var db = await dbFactory.OpenAsync(ct))
        {
            if (await db.IdempotentRequests.AsNoTracking().FirstOrDefaultAsync(r => r.ApiKeyId == apiKey.Id && r.Key == idempotencyKey, ct) is { } earlier)
            {
                return earlier.RequestHash == hash
                    ? new StoredResult(earlier.StatusCode, earlier.ContentType, earlier.ResponseBody)
                    : Problem(StatusCodes.Status422UnprocessableEntity, "Idempotency-Key reused",
                        $"The {IdempotencyHeader} \"{idempotencyKey}\" was already used for another request; use a new key for a new request.");
            }
        }

        T? body;
        try
        {
            body = JsonSerializer.Deserialize<T>(text, Json);
        }
        catch (JsonException e)
        {
            return Problem(StatusCodes.Status400BadRequest, "Malformed JSON",
                $"The request body is not valid JSON for this call{(e.Path is { Length: > 1 } path ? $" at {path.TrimStart('$', '.')}" : "")}.", e.Path?.TrimStart('$', '.'));
        }

        if (body is null)
        {
            return Problem(StatusCodes.Status400BadRequest, "Malformed JSON", "Send a JSON object as the request body.");
        }

        var result = await Run(() => handle(body, ct));
        var (status, contentType, responseText) = await RenderAsync(http, result);
        if (status < 500)
        {
            await using var db = await dbFactory.OpenAsync(ct);
            db.IdempotentRequests.Add(new IdempotentRequest(apiKey.Id, idempotencyKey, hash, status, contentType, responseText,
                http.RequestServices.GetRequiredService<BusinessTime>().UtcNow));
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // The same request raced this one and stored its answer first.
            }
        }

        return new StoredResult(status, contentType, responseText);
    }

    /// <summary>Runs a service call and turns its refusals into problem+json (400 with the field, 403, 404, 409 with candidates).</summary>
    private static async Task<IResult> Run(Func<Task<IResult>> call)
    {
        try
        {
            return await call();
        }
        catch (LikelyDuplicatesException e)
        {
            return Results.Problem(new Microsoft.AspNetCore.Mvc.ProblemDetails
            {
                Status = StatusCodes.Status409Conflict,
                Title = "Likely duplicate",
                Detail = e.Message,
                Extensions = { ["candidates"] = e.Candidates.Select(c => new { c.CustomerId, c.CustomerNumber, c.FullName, c.Score, c.Reasons }).ToList() },
            });
        }
        catch (NotFoundException e)
        {
            return Problem(StatusCodes.Status404NotFound, "Not found", e.Message);
        }
        catch (ConcurrencyConflictException e)
        {
            return Problem(StatusCodes.Status409Conflict, "Changed meanwhile", e.Message);
        }
        catch (DomainException e)
        {
            return Problem(StatusCodes.Status400BadRequest, "Refused", e.Message, e.Field);
        }
        catch (AccessDeniedException e)
        {
            return Problem(StatusCodes.Status403Forbidden, "Not allowed for this key", e.Message);
        }
    }

    internal static IResult Problem(int status, string title, string detail, string? field = null)
    {
        var problem = new Microsoft.AspNetCore.Mvc.ProblemDetails { Status = status, Title = title, Detail = detail };
        if (field is { Length: > 0 })
        {
            problem.Extensions["field"] = field;
        }

        return Results.Problem(problem);
    }

    /// <summary>Writes a result into a buffer to store it for replays.</summary>
    private static async Task<(int Status, string ContentType, string Body)> RenderAsync(HttpContext http, IResult result)
    {
        var original = http.Response.Body;
        await using var buffer = new MemoryStream();
        http.Response.Body = buffer;
        try
        {
            await result.ExecuteAsync(http);
        }
        finally
        {
            http.Response.Body = original;
        }

        var status = http.Response.StatusCode;
        var contentType = http.Response.ContentType ?? "application/json";
        http.Response.Clear();
        return (status, contentType, Encoding.UTF8.GetString(buffer.ToArray()));
    }

    private sealed class StoredResult(int status, string contentType, string body) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = status;
            httpContext.Response.ContentType = contentType;
            return httpContext.Response.WriteAsync(body);
        }
    }
}
