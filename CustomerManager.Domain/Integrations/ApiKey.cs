using System.Security.Cryptography;
using System.Text;
using CustomerManager.Domain.Common;

namespace CustomerManager.Domain.Integrations;

/// <summary>
/// A key a point-of-sale system or integration uses for the HTTP API (issue 18): made by an admin, shown once, stored
/// only as a SHA-256 hash, scoped to divisions and to reading or writing, revocable, with the time it was last used.
/// </summary>
public class ApiKey : IVersioned
{
    public const string KeyPrefix = "cmk_";

    public int Id { get; private set; }

    public string Name { get; private set; } = "";

    /// <summary>The first characters of the key (after <see cref="KeyPrefix"/>), shown to tell keys apart and used to find the row.</summary>
    public string Lookup { get; private set; } = "";

    /// <summary>SHA-256 of the whole key, hex.</summary>
    public string Hash { get; private set; } = "";

    /// <summary>The division ids the key may work in, comma-separated (at least one).</summary>
    public string DivisionIds { get; private set; } = "";

    public bool CanWrite { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }

    public string CreatedBy { get; private set; } = "";

    public DateTime? RevokedAtUtc { get; private set; }

    public string? RevokedBy { get; private set; }

    public DateTime? LastUsedAtUtc { get; private set; }

    public int Version { get; set; }

    public IReadOnlyList<int> Divisions => DivisionIds.Split(',', StringSplitOptions.RemoveEmptyEntries)
        .Select(s => int.Parse(s, System.Globalization.CultureInfo.InvariantCulture)).ToList();

    private ApiKey()
    {
    }

    /// <summary>A new key and the one time its secret is known.</summary>
    public static (ApiKey Key, string Secret) Create(string name, IReadOnlyCollection<int> divisionIds, bool canWrite, DateTime nowUtc, string userName)
    {
        name = TextRules.Required(name, 100, "key's name (e.g. \"Till 3, Clothing\")", "Name");
        if (divisionIds.Count == 0)
        {
            throw new DomainException("Choose at least one division the key may work in.", "Divisions");
        }

        var secret = KeyPrefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        var key = new ApiKey
        {
            Name = name,
            Lookup = LookupOf(secret)!,
            Hash = HashOf(secret),
            DivisionIds = string.Join(',', divisionIds.Distinct().Order()),
            CanWrite = canWrite,
            CreatedAtUtc = nowUtc,
            CreatedBy = userName,
        };
        return (key, secret);
    }

    public static string HashOf(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>The lookup part of a presented key, or null when it does not look like one of ours.</summary>
    public static string? LookupOf(string? secret) =>
        secret is { Length: > 16 } s && s.StartsWith(KeyPrefix, StringComparison.Ordinal) ? s.Substring(KeyPrefix.Length, 8) : null;

    /// <summary>Whether <paramref name="secret"/> is this key (constant-time comparison of the hashes).</summary>
    public bool Matches(string secret) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(HashOf(secret)), Encoding.ASCII.GetBytes(Hash));

    public void Revoke(DateTime nowUtc, string userName)
    {
        if (RevokedAtUtc is not null)
        {
            throw new DomainException($"The key \"{Name}\" was already revoked.");
        }

        (RevokedAtUtc, RevokedBy) = (nowUtc, userName);
    }

    internal void Used(DateTime nowUtc) => LastUsedAtUtc = nowUtc;
}

/// <summary>
/// The first answer to a POST with an Idempotency-Key: a retry with the same key and body gets it again; the same key
/// with another body is refused (422).
/// </summary>
public class IdempotentRequest
{
    public long Id { get; private set; }

    public int ApiKeyId { get; private set; }

    public string Key { get; private set; } = "";

    /// <summary>SHA-256 of method, path and body.</summary>
    public string RequestHash { get; private set; } = "";

    public int StatusCode { get; private set; }

    public string ResponseBody { get; private set; } = "";

    public string ContentType { get; private set; } = "";

    public DateTime CreatedAtUtc { get; private set; }

    private IdempotentRequest()
    {
    }

    public IdempotentRequest(int apiKeyId, string key, string requestHash, int statusCode, string contentType, string responseBody, DateTime nowUtc) =>
        (ApiKeyId, Key, RequestHash, StatusCode, ContentType, ResponseBody, CreatedAtUtc) = (apiKeyId, key, requestHash, statusCode, contentType, responseBody, nowUtc);
}
