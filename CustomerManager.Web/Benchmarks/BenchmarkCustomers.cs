using System.Globalization;
using CustomerManager.Domain.Customers;
using Microsoft.Data.Sqlite;

namespace CustomerManager.Web.Benchmarks;

/// <summary>
/// Fills a benchmark database with N synthetic customers in batched transactions through one prepared INSERT,
/// computing the same normalised columns and search keys the domain writes.
/// </summary>
internal static class BenchmarkCustomers
{
    private static readonly string[] FirstNames =
        ["Thabo", "Naledi", "Sipho", "Ayanda", "Lerato", "Johan", "Annelie", "Pieter", "Fatima", "Yusuf", "Priya", "Ravi", "Nomsa", "Bongani", "Zanele", "Kagiso", "Michael", "Sarah", "David", "Emily", "Grace", "Daniel", "Tendai", "Chipo"];

    private static readonly string[] LastNames =
        ["Nkosi", "Dlamini", "Mokoena", "Naidoo", "Botha", "van der Merwe", "Pillay", "Khumalo", "Mahlangu", "Smith", "Pretorius", "Ndlovu", "Zulu", "Sithole", "Moyo", "Jacobs", "Adams", "Mthembu", "Molefe", "Steyn", "Venter", "Govender", "Cele", "Ngcobo"];

    public static string Phone(int i) => "+2782" + (1_000_000 + i).ToString("D7", CultureInfo.InvariantCulture);

    public static string Email(int i) => $"customer{i}@bench.example";

    public static string Number(int i) => $"UCST-{i:D6}";

    public static (string First, string Last) Name(int i) => (FirstNames[i % FirstNames.Length] + (i / 1000), LastNames[(i / FirstNames.Length) % LastNames.Length]);

    public static async Task InsertAsync(SqliteConnection connection, int count, Action<int> progress, CancellationToken cancellationToken)
    {
        const int batch = 10_000;
        var now = DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        for (var start = 1; start <= count; start += batch)
        {
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
            await using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = """
                INSERT INTO Customers (CustomerNumber, Type, FirstName, LastName, FullName, PrimaryEmail, PrimaryPhone, Country,
                    NationalId, IsActive, IsBlacklisted, CreatedAtUtc, UpdatedAtUtc, CreatedBy, UpdatedBy,
                    FirstNameKey, LastNameKey, FullNameKey, CompanyNameKey, Version)
                VALUES ($number, 'Individual', $first, $last, $full, $email, $phone, 'South Africa', $nationalId, 1, 0, $now, $now,
                    'bench', 'bench', $firstKey, $lastKey, $fullKey, '', 0)
                """;
            var parameters = new[] { "$number", "$first", "$last", "$full", "$email", "$phone", "$nationalId", "$now", "$firstKey", "$lastKey", "$fullKey" }
                .ToDictionary(n => n, n => insert.Parameters.Add(n, SqliteType.Text));
            parameters["$now"].Value = now;
            await insert.PrepareAsync(cancellationToken);
            for (var i = start; i < Math.Min(start + batch, count + 1); i++)
            {
                var (first, last) = Name(i);
                var full = $"{first} {last}";
                parameters["$number"].Value = Number(i);
                parameters["$first"].Value = first;
                parameters["$last"].Value = last;
                parameters["$full"].Value = full;
                parameters["$email"].Value = Email(i);
                parameters["$phone"].Value = Phone(i);
                parameters["$nationalId"].Value = "ID" + i.ToString("D10", CultureInfo.InvariantCulture);
                parameters["$firstKey"].Value = ContactNormalisation.NameKey(first);
                parameters["$lastKey"].Value = ContactNormalisation.NameKey(last);
                parameters["$fullKey"].Value = ContactNormalisation.NameKey(full);
                await insert.ExecuteNonQueryAsync(cancellationToken);
            }

            await using (var sequence = connection.CreateCommand())
            {
                sequence.Transaction = transaction;
                sequence.CommandText = "INSERT INTO NumberSequences (Name, LastValue) VALUES ('UCST', $last) ON CONFLICT(Name) DO UPDATE SET LastValue = $last";
                sequence.Parameters.AddWithValue("$last", Math.Min(start + batch - 1, count));
                await sequence.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            progress(Math.Min(start + batch - 1, count));
        }
    }
}
