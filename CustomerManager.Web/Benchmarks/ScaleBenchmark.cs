using System.Globalization;
using CustomerManager.Domain.Accounts;
using CustomerManager.Domain.Common;
using CustomerManager.Domain.Customers;
using CustomerManager.Domain.Laybys;
using CustomerManager.Domain.Organisation;
using CustomerManager.Domain.Statements;
using Microsoft.Data.Sqlite;

namespace CustomerManager.Web.Benchmarks;

/// <summary>
/// <c>--benchmark-scale --file path.db [--iterations N]</c>: against a database made by <c>--generate-data</c>, times
/// what clerks and accountants do through the services the pages call, each next to a raw Microsoft.Data.Sqlite
/// baseline with the same SQL and parameters in the same run: the plain-SQL paths' own statements, and for the EF
/// paths (profile, layby list, statement) the SELECTs EF sent in that very call, recorded and replayed.
/// </summary>
internal static class ScaleBenchmark
{
    private const int PageSize = 25;
    private const int FarPage = 10_000;

    public static async Task<int> RunAsync(string file, int iterations, TextWriter output, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(file))
        {
            output.WriteLine($"{file} does not exist: make it with --generate-data N --file {file}.");
            return 2;
        }

        await using var app = await ScaleHost.OpenAsync(file);
        using var capture = new SqlCapture();
        await using var raw = new SqliteConnection($"Data Source={Path.GetFullPath(file)}");
        await raw.OpenAsync(cancellationToken);
        var samples = await SamplesAsync(raw, Math.Max(50, iterations), cancellationToken);
        var creditAccounts = await IdsAsync(raw, "SELECT Id FROM DivisionAccounts WHERE AllowCredit = 1 ORDER BY random() LIMIT 5000", cancellationToken);
        var customerCount = await IdsAsync(raw, "SELECT COUNT(*) FROM Customers", cancellationToken);
        var random = new Random(7);
        var composite = Math.Max(5, iterations / 5);

        var rows = await app.AsSystemAsync(async services =>
        {
            var customers = services.GetRequiredService<CustomerService>();
            var organisation = services.GetRequiredService<OrganisationService>();
            var ledger = services.GetRequiredService<AccountLedgerService>();
            var laybys = services.GetRequiredService<LaybyService>();
            var statements = services.GetRequiredService<StatementService>();
            int PickIndex() => random.Next(samples.Count);

            var rows = new List<BenchmarkTimer.Row>();
            foreach (var (name, typed, sql, parameters) in new (string, Func<Sample, string>, string, Func<SearchText, (string, object?)[]>)[]
            {
                ("Lookup by customer number (ucst-42)", s => "ucst-" + long.Parse(s.Number[5..], CultureInfo.InvariantCulture), CustomerListSql.ActiveByNumber, t => [("@value", t.Value)]),
                ("Lookup by phone (typed 082 123 4567)", s => $"0{s.Phone[3..5]} {s.Phone[5..8]} {s.Phone[8..]}", CustomerListSql.ActiveByPhoneOrNationalId, PhoneOrId),
                ("Lookup by e-mail (typed in capitals)", s => s.Email.ToUpperInvariant(), CustomerListSql.ActiveByEmail, t => [("@value", t.Value)]),
                ("Lookup by national ID", s => s.NationalId, CustomerListSql.ActiveByPhoneOrNationalId, PhoneOrId),
                ("Lookup by account number", s => s.AccountNumber.ToLowerInvariant(), CustomerListSql.ActiveByAccountNumber, t => [("@value", t.Value)]),
            })
            {
                rows.Add(await BenchmarkTimer.MeasureAsync(name, iterations, PickIndex,
                    i => customers.SearchAsync(new CustomerQuery { Text = typed(samples[i]) }, 0, PageSize, cancellationToken),
                    (i, page) => page.Items.Any(c => c.CustomerNumber == samples[i].Number)
                        ? null
                        : $"{typed(samples[i])} did not find {samples[i].Number}",
                    i => BenchmarkTimer.RawAsync(raw, sql, parameters(samples[i].Parsed(typed)), cancellationToken)));
            }

            rows.Add(await BenchmarkTimer.MeasureAsync("Name-prefix search (4 letters, first 25)", iterations, PickIndex,
                i => customers.SearchAsync(new CustomerQuery { Text = samples[i].Prefix }, 0, PageSize, cancellationToken),
                (i, page) => page.Items.Count > 0 ? null : $"prefix {samples[i].Prefix} found nothing",
                i => RawPrefixAsync(raw, samples[i].Parsed(s => s.Prefix).NameKey!, cancellationToken)));

            var list = new CustomerQuery();
            rows.Add(await BenchmarkTimer.MeasureAsync("Customer list by name, page 1", iterations, () => 0,
                _ => customers.ListAsync(list, 0, PageSize, null, cancellationToken), (_, page) => PageHolds(page, 0),
                _ => RawListAsync(raw, CustomerListSql.PageMode.Offset, [("@skip", 0), ("@take", PageSize)], cancellationToken)));
            var before = (await customers.ListAsync(list, (FarPage - 2) * PageSize, PageSize, null, cancellationToken)).Position;
            rows.Add(await BenchmarkTimer.MeasureAsync($"Customer list by name, page {FarPage:N0} (Next)", iterations, () => 0,
                _ => customers.ListAsync(list, (FarPage - 1) * PageSize, PageSize, before, cancellationToken), (_, page) => PageHolds(page, (FarPage - 1) * PageSize),
                _ => before is null
                    ? RawListAsync(raw, CustomerListSql.PageMode.Offset, [("@skip", (FarPage - 1) * PageSize), ("@take", PageSize)], cancellationToken)
                    : RawListAsync(raw, CustomerListSql.PageMode.After, [("@key", before.LastKey), ("@id", before.LastId), ("@take", PageSize)], cancellationToken)));
            rows.Add(await BenchmarkTimer.MeasureAsync($"Customer list by name, page {FarPage:N0} (jump)", composite, () => 0,
                _ => customers.ListAsync(list, (FarPage - 1) * PageSize, PageSize, null, cancellationToken), (_, page) => PageHolds(page, (FarPage - 1) * PageSize),
                _ => RawListAsync(raw, CustomerListSql.PageMode.Offset, [("@skip", (FarPage - 1) * PageSize), ("@take", PageSize)], cancellationToken)));

            List<SqlCapture.Statement> sent = [];
            Func<int, Task> Recorded(Func<int, Task> service) => async target => sent = await capture.RecordAsync(() => service(target));
            Task Replay(int _) => ReplayAsync(raw, sent, cancellationToken);

            rows.Add(await BenchmarkTimer.MeasureAsync("Open the 360° profile (6 service calls)", composite, () => random.Next(1, (int)customerCount[0] + 1),
                Recorded(async id =>
                {
                    await organisation.ListDivisionsAsync();
                    var profile = await customers.GetProfileAsync(id, cancellationToken);
                    await customers.HistoryAsync(id, cancellationToken);
                    if (profile.Accounts.Count > 0)
                    {
                        await ledger.LedgerAsync(profile.Accounts[0].Id, cancellationToken);
                    }

                    await laybys.ListAsync(null, null, LaybyListFilter.All, id, null, 0, 20, cancellationToken);
                    await statements.ForCustomerAsync(id, cancellationToken);
                }), Replay));
            rows.Add(await BenchmarkTimer.MeasureAsync("Layby list, overdue, first page of 20", composite, () => 0,
                Recorded(_ => laybys.ListAsync(null, null, LaybyListFilter.Overdue, null, null, 0, 20, cancellationToken)), Replay));

            var lastMonth = DateTime.UtcNow.AddMonths(-1);
            var nextAccount = 0;
            rows.Add(await BenchmarkTimer.MeasureAsync("Statement for one account (computed, stored)", Math.Min(composite, Math.Max(1, creditAccounts.Count - 20)),
                () => (int)creditAccounts[nextAccount++ % creditAccounts.Count],
                Recorded(account => statements.GenerateAsync(account, lastMonth.Year, lastMonth.Month, cancellationToken)), Replay));

            // Issue 17: the largest institution's page (every 50th customer is a member: 20,000 at a million) and one
            // employee's assigned customers, as the customer list's "assigned to" filter and the employee's page show them.
            var institutions = services.GetRequiredService<Domain.Institutions.InstitutionService>();
            var assignments = services.GetRequiredService<Domain.Assignments.AssignmentService>();
            var largest = Data.Seeding.ScaleDataWriter.LargeInstitutionId;
            var members = await institutions.MembersAsync(largest, new Domain.Institutions.MemberQuery(Status: Domain.Institutions.MemberStatusFilter.All), 0, 1, cancellationToken);
            rows.Add(await BenchmarkTimer.MeasureAsync($"Institution page: members, first 25 of {members.TotalCount:N0}", composite, () => largest,
                Recorded(async id =>
                {
                    var page = await institutions.MembersAsync(id, new Domain.Institutions.MemberQuery(), 0, PageSize, cancellationToken);
                    if (page.Items.Count == 0)
                    {
                        throw new InvalidOperationException($"Institution {id} has no members: generate the data into a fresh file.");
                    }
                }), Replay));
            rows.Add(await BenchmarkTimer.MeasureAsync($"Institution roll-up ({members.TotalCount:N0} members)", composite, () => largest,
                Recorded(id => institutions.RollupAsync(id, cancellationToken)), Replay));
            var employee = (int)(await IdsAsync(raw, "SELECT EmployeeId FROM Assignments WHERE IsActive = 1 GROUP BY EmployeeId ORDER BY COUNT(*) DESC LIMIT 1", cancellationToken)).FirstOrDefault();
            rows.Add(await BenchmarkTimer.MeasureAsync("My customers: one employee's assigned customers, first 25", composite, () => employee,
                Recorded(async id =>
                {
                    var page = await customers.ListAsync(new CustomerQuery { AssigneeId = id, Status = CustomerStatusFilter.All }, 0, PageSize, null, cancellationToken);
                    if (page.Items.Count == 0)
                    {
                        throw new InvalidOperationException($"Employee {id} has no assigned customers: the data has no assignments to time.");
                    }
                }), Replay));
            rows.Add(await BenchmarkTimer.MeasureAsync("Employee's assignments page, first 25", composite, () => employee,
                Recorded(id => assignments.ForEmployeeAsync(id, new Domain.Assignments.AssignmentFilter(), 0, PageSize, cancellationToken)), Replay));
            // Customer success (issue 20): one nightly scoring run over every customer when none has a score for today
            // (time and peak memory printed), then the health dashboard as the page loads it.
            var scoredToday = await IdsAsync(raw, $"SELECT COUNT(*) FROM HealthScores WHERE Day = '{DateOnly.FromDateTime(DateTime.UtcNow):yyyy-MM-dd}'", cancellationToken);
            if (scoredToday[0] == 0)
            {
                var scoringWatch = System.Diagnostics.Stopwatch.StartNew();
                var run = await services.GetRequiredService<Domain.Success.HealthScoringService>().RunNightlyAsync(
                    services.GetRequiredService<BusinessTime>().Today, cancellationToken);
                using var process = System.Diagnostics.Process.GetCurrentProcess();
                Console.Error.WriteLine($"Nightly health scoring: {run.Scored:N0} customers ({run.NoData:N0} with no data) in {scoringWatch.Elapsed.TotalSeconds:F1} s, " +
                    $"{run.AlertsRaised:N0} alerts; peak working set {process.PeakWorkingSet64 / 1024.0 / 1024.0:N0} MiB");
            }

            var dashboard = services.GetRequiredService<Domain.Success.HealthDashboardService>();
            rows.Add(await BenchmarkTimer.MeasureAsync("Health dashboard: bands, at risk (first 50), movers", composite, () => 0,
                Recorded(_ => dashboard.LoadAsync(new Domain.Success.HealthFilter(), 0, 50, cancellationToken)), Replay));
            return rows;
        });

        output.WriteLine();
        output.WriteLine($"Scale benchmark: {customerCount[0]:N0} customers, {iterations} queries per lookup row, {composite} per composite row; " +
            $"{Environment.ProcessorCount} cores, {File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':')[1].Trim() ?? "?"}; file {file}");
        BenchmarkTimer.PrintTable(rows, output);
        output.WriteLine("Raw = the same SQL and parameters with Microsoft.Data.Sqlite on an open connection (for the profile, layby and statement rows: the SELECTs EF sent in that call; the statement row's service time also numbers and stores the statement).");
        return 0;
    }

    /// <summary>A list page starting at <paramref name="skip"/> holds as many rows as there are left, up to a page.</summary>
    private static string? PageHolds(CustomerListPage page, int skip)
    {
        var expected = Math.Clamp(page.TotalCount - skip, 0, PageSize);
        return page.Items.Count == expected ? null : $"the page at {skip} held {page.Items.Count} rows, not {expected} of {page.TotalCount}";
    }

    private static (string, object?)[] PhoneOrId(SearchText text) => [("@phone", text.Phone ?? ""), ("@otherPhone", text.OtherPhone ?? ""), ("@nationalId", text.NationalId ?? "")];

    private static async Task RawPrefixAsync(SqliteConnection connection, string key, CancellationToken cancellationToken)
    {
        var upper = key + '\uffff';
        await BenchmarkTimer.RawAsync(connection, CustomerListSql.ActiveByNamePrefix(0),
            [("@key", key), ("@upper", upper), ("@n", PageSize), ("@skip", 0), ("@take", PageSize)], cancellationToken);
        await BenchmarkTimer.RawAsync(connection, CustomerListSql.CountActiveByNamePrefix(0), [("@key", key), ("@upper", upper), ("@cap", CustomerListSql.CountCap)], cancellationToken);
    }

    private static async Task RawListAsync(SqliteConnection connection, CustomerListSql.PageMode mode, (string, object?)[] parameters, CancellationToken cancellationToken)
    {
        await BenchmarkTimer.RawAsync(connection, CustomerListSql.CountActive, [], cancellationToken);
        await BenchmarkTimer.RawAsync(connection, CustomerListSql.ListPage(CustomerSort.Name, false, mode), parameters, cancellationToken);
    }

    private static async Task ReplayAsync(SqliteConnection connection, List<SqlCapture.Statement> statements, CancellationToken cancellationToken)
    {
        foreach (var statement in statements.Where(s => s.IsQuery))
        {
            await BenchmarkTimer.RawAsync(connection, statement.Sql, statement.Parameters, cancellationToken);
        }
    }

    /// <summary>What a clerk might type for a random customer (read before timing).</summary>
    private sealed record Sample(string Number, string Phone, string Email, string NationalId, string AccountNumber, string Prefix)
    {
        private readonly Dictionary<Func<Sample, string>, SearchText> parsed = [];

        public SearchText Parsed(Func<Sample, string> typed)
        {
            if (!parsed.TryGetValue(typed, out var text))
            {
                text = CustomerSearchText.Parse(typed(this), "27");
                parsed[typed] = text;
            }

            return text;
        }
    }

    /// <summary>Active customers only: the list's lookups hide inactive ones, and a lookup that finds nothing measures nothing.</summary>
    private static async Task<List<Sample>> SamplesAsync(SqliteConnection connection, int count, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT c.CustomerNumber, c.PrimaryPhone, c.PrimaryEmail, c.NationalId, a.AccountNumber, c.FullName
            FROM Customers c JOIN DivisionAccounts a ON a.CustomerId = c.Id
            WHERE c.IsActive = 1 AND c.NationalId IS NOT NULL AND c.PrimaryEmail IS NOT NULL AND c.Id IN (
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $count)
                SELECT abs(random()) % (SELECT MAX(Id) FROM Customers) + 1 FROM n)
            GROUP BY c.Id
            """;
        command.Parameters.AddWithValue("$count", count * 2);
        var samples = new List<Sample>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            samples.Add(new Sample(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5)[..4]));
        }

        return samples;
    }

    private static async Task<List<long>> IdsAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var ids = new List<long>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetInt64(0));
        }

        return ids;
    }
}
