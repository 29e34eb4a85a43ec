using System.Text.Json;
using CustomerManager.Domain.Common;

namespace CustomerManager.Domain.Accounts;

/// <summary>Small key/value sets (preferences, custom fields) stored as one JSON text column.</summary>
public static class KeyValues
{
    public const int MaxEntries = 30;

    public static IReadOnlyDictionary<string, string> Read(string json) =>
        JsonSerializer.Deserialize<SortedDictionary<string, string>>(string.IsNullOrEmpty(json) ? "{}" : json) ?? [];

    public static string Write(IReadOnlyDictionary<string, string> values, string field)
    {
        var clean = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (rawKey, rawValue) in values)
        {
            var key = (rawKey ?? "").Trim();
            var value = (rawValue ?? "").Trim();
            if (key.Length == 0)
            {
                throw new DomainException("Every entry needs a name.", field);
            }

            if (key.Length > 50 || value.Length > 200)
            {
                throw new DomainException($"\"{key}\": names can be 50 characters and values 200 at most.", field);
            }

            if (!clean.TryAdd(key, value))
            {
                throw new DomainException($"\"{key}\" appears twice.", field);
            }
        }

        if (clean.Count > MaxEntries)
        {
            throw new DomainException($"At most {MaxEntries} entries.", field);
        }

        return JsonSerializer.Serialize(clean);
    }
}
