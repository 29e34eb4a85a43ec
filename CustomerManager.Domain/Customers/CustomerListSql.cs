using System.Data.Common;
using System.Text;
using CustomerManager.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Domain.Customers;

/// <summary>
/// The customer list's everyday queries as plain SQL on the context's own connection (SQLite, the embedded default):
/// key lookups, the first pages of a name search and the unfiltered list by name or number. At a million customers
/// these run in well under a millisecond, where building and translating a LINQ query would cost more than the query.
/// Each statement is built once; <c>docs/PERFORMANCE.md</c> lists the index each one uses.
/// </summary>
public static class CustomerListSql
{
    public const string SqliteProvider = "Microsoft.EntityFrameworkCore.Sqlite";

    /// <summary>A name search counts at most this many matches: enough for the pager, cheap at any size.</summary>
    public const int CountCap = 1000;

    /// <summary>
    /// The list's columns, the name key, and whether the row has an institution or active assignees (one index probe
    /// each), so the page reads institution codes and assignee names only for the rows that have them.
    /// </summary>
    private const string Columns =
        "c.Id, c.CustomerNumber, c.FullName, c.Type, c.PrimaryPhone, c.PrimaryEmail, c.City, c.IsActive, c.IsBlacklisted, c.FullNameKey, "
        + "c.InstitutionId, EXISTS (SELECT 1 FROM Assignments AS a WHERE a.CustomerId = c.Id AND a.IsActive = 1)";

    private const string ByName = "ORDER BY c.FullNameKey, c.Id";

    /// <summary>
    /// The ids found first, then their rows by key: CROSS JOIN keeps that order in SQLite, which could otherwise walk a
    /// name index over every customer to save sorting a handful of rows.
    /// </summary>
    private const string ThenRows = "CROSS JOIN Customers AS c ON c.Id = m.Id";

    /// <summary>Parameter @value: a normalised customer number.</summary>
    public const string ActiveByNumber = $"SELECT {Columns} FROM Customers AS c WHERE c.CustomerNumber = @value AND c.IsActive = 1 {ByName}";

    /// <summary>Parameter @value: a lower-cased e-mail address.</summary>
    public const string ActiveByEmail = $"SELECT {Columns} FROM Customers AS c WHERE c.PrimaryEmail = @value AND c.IsActive = 1 {ByName}";

    /// <summary>Parameter @value: a normalised division account number.</summary>
    public const string ActiveByAccountNumber =
        $"SELECT {Columns} FROM (SELECT CustomerId AS Id FROM DivisionAccounts WHERE AccountNumber = @value) AS m {ThenRows} WHERE c.IsActive = 1 {ByName}";

    /// <summary>
    /// Parameters @phone and @otherPhone (E.164, the two readings of the digits typed) and @nationalId ("" when the
    /// text is not one): one index lookup each.
    /// </summary>
    public const string ActiveByPhoneOrNationalId =
        $"""
        SELECT {Columns} FROM (
            SELECT Id FROM Customers WHERE PrimaryPhone = @phone UNION SELECT Id FROM Customers WHERE AlternatePhone = @phone
            UNION SELECT Id FROM Customers WHERE PrimaryPhone = @otherPhone UNION SELECT Id FROM Customers WHERE AlternatePhone = @otherPhone
            UNION SELECT Id FROM Customers WHERE NationalId = @nationalId) AS m {ThenRows} WHERE c.IsActive = 1 {ByName}
        """;

    private static readonly string[] NameKeys = ["FullNameKey", "FirstNameKey", "LastNameKey", "CompanyNameKey"];

    /// <summary>The most surname/first-name orders a name search tries (three splits of four words, both ways).</summary>
    public const int MaxNameOrders = 6;

    private static readonly string[] ActiveByNamePrefixes = [.. Enumerable.Range(0, MaxNameOrders + 1).Select(BuildActiveByName)];

    private static readonly string[] CountActiveByNamePrefixes = [.. Enumerable.Range(0, MaxNameOrders + 1).Select(BuildCountActiveByName)];

    /// <summary>
    /// Parameters @key, @upper (= @key + U+FFFF), @n (= @skip + @take), @skip, @take, and for each of
    /// <paramref name="orders"/> surname/first-name pairs @last<i>i</i>, @first<i>i</i>, @firstUpper<i>i</i>. Each name key
    /// (and each surname) gives its first @n active matches in name order from its own index (no sort of every match),
    /// then the union is paged.
    /// </summary>
    public static string ActiveByNamePrefix(int orders) => ActiveByNamePrefixes[orders];

    /// <summary>The parameters @key … @firstUpper<i>i</i> of <see cref="ActiveByNamePrefix"/> minus paging: how many match, at most @cap.</summary>
    public static string CountActiveByNamePrefix(int orders) => CountActiveByNamePrefixes[orders];

    /// <summary>The name conditions, one per index: the four name keys' ranges, then surname = @last<i>i</i> with a first-name range.</summary>
    private static IEnumerable<(string Index, string Condition)> NameConditions(int orders) =>
        NameKeys.Select(k => (NameIndex(k), $"{k} >= @key AND {k} < @upper"))
            .Concat(Enumerable.Range(0, orders).Select(i =>
                (NameIndex("LastNameKey"), $"LastNameKey = @last{i} AND FirstNameKey >= @first{i} AND FirstNameKey < @firstUpper{i}")));

    private static string BuildActiveByName(int orders) =>
        $"""
        SELECT {Columns} FROM (
            SELECT Id FROM ({string.Join(" UNION ", NameConditions(orders).Select(n =>
                $"SELECT * FROM (SELECT FullNameKey, Id FROM {n.Index} WHERE {n.Condition} AND IsActive = 1 ORDER BY FullNameKey, Id LIMIT @n)"))})
            ORDER BY FullNameKey, Id LIMIT @take OFFSET @skip) AS m {ThenRows} {ByName}
        """;

    private static string BuildCountActiveByName(int orders) =>
        $"SELECT COUNT(*) FROM ({string.Join(" UNION ", NameConditions(orders).Select(n =>
            $"SELECT * FROM (SELECT Id FROM {n.Index} WHERE {n.Condition} AND IsActive = 1 LIMIT @cap)"))})";

    /// <summary>The @last<i>i</i>, @first<i>i</i>, @firstUpper<i>i</i> parameters of a name search's orders.</summary>
    public static IEnumerable<(string Name, object Value)> NameOrderParameters(SearchText text) =>
        text.NameOrders.Take(MaxNameOrders).SelectMany((o, i) => new (string, object)[]
        {
            ($"@last{i}", o.LastName), ($"@first{i}", o.FirstNamePrefix), ($"@firstUpper{i}", o.FirstNamePrefix + '\uffff'),
        });

    /// <summary>
    /// The index a name key's range is read from, named: otherwise SQLite may walk the whole list in name order to
    /// avoid sorting 25 rows, checking every customer against a range that matches none.
    /// </summary>
    private static string NameIndex(string key) =>
        key == "FullNameKey" ? "Customers INDEXED BY IX_Customers_IsActive_FullNameKey_Id" : $"Customers INDEXED BY IX_Customers_{key}_IsActive_FullNameKey";

    /// <summary>All customers minus the inactive ones: SQLite counts a whole table from its page headers.</summary>
    public const string CountActive =
        "SELECT (SELECT COUNT(*) FROM Customers) - (SELECT COUNT(*) FROM Customers WHERE IsActive = 0)";

    /// <summary>How a page of the unfiltered list is found.</summary>
    public enum PageMode
    {
        /// <summary>@skip rows from the start (the index walked without reading the rows).</summary>
        Offset,

        /// <summary>@skip rows from the end, walking the index backwards: cheaper for pages past the middle.</summary>
        OffsetFromEnd,

        /// <summary>The @take rows after the row (@key, @id): the next page, whatever page it is.</summary>
        After,

        /// <summary>The @take rows before the row (@key, @id): the previous page.</summary>
        Before,
    }

    private static readonly Dictionary<(CustomerSort, bool, PageMode), string> ListPages =
        (from sort in new[] { CustomerSort.Name, CustomerSort.Number }
         from down in new[] { false, true }
         from mode in Enum.GetValues<PageMode>()
         select (sort, down, mode)).ToDictionary(k => k, k => BuildListPage(k.sort, k.down, k.mode));

    /// <summary>Whether <see cref="ListPage"/> has a statement for this sort (the grid's name and number columns).</summary>
    public static bool HasListPage(CustomerSort sort) => sort is CustomerSort.Name or CustomerSort.Number;

    /// <summary>A page of active customers (parameters @take, and @skip or @key/@id by mode).</summary>
    public static string ListPage(CustomerSort sort, bool descending, PageMode mode) => ListPages[(sort, descending, mode)];

    private static string BuildListPage(CustomerSort sort, bool descending, PageMode mode)
    {
        // Name order is (FullNameKey, Id); customer numbers are unique on their own.
        var keys = sort == CustomerSort.Name ? new[] { "FullNameKey", "Id" } : ["CustomerNumber"];
        var backwards = descending ^ (mode is PageMode.OffsetFromEnd or PageMode.Before);
        string Order(string prefix, bool down) => string.Join(", ", keys.Select(k => prefix + k + (down ? " DESC" : "")));
        var inner = new StringBuilder("SELECT Id FROM Customers WHERE IsActive = 1");
        if (mode is PageMode.After or PageMode.Before)
        {
            var row = keys.Length == 2 ? $"({keys[0]}, {keys[1]})" : keys[0];
            var anchor = keys.Length == 2 ? "(@key, @id)" : "@key";
            inner.Append($" AND {row} {(backwards ? "<" : ">")} {anchor}");
        }

        inner.Append($" ORDER BY {Order("", backwards)} LIMIT @take");
        if (mode is PageMode.Offset or PageMode.OffsetFromEnd)
        {
            inner.Append(" OFFSET @skip");
        }

        return $"SELECT {Columns} FROM ({inner}) AS m {ThenRows} ORDER BY {Order("c.", descending)}";
    }

    /// <summary>Runs one of these statements on the context's connection and reads the rows with their name keys.</summary>
    internal static Task<List<(CustomerListItem Item, string NameKey)>> ReadAsync(
        ICustomerDb db, string sql, (string Name, object Value)[] parameters, CancellationToken cancellationToken) =>
        PlainSql.QueryAsync(db, sql, parameters, async reader =>
        {
            var rows = new List<(CustomerListItem, string)>();
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add((new CustomerListItem(
                    reader.GetInt32(0), reader.GetString(1), reader.GetString(2), TypeOf(reader.GetString(3)), reader.GetString(4),
                    reader.IsDBNull(5) ? null : reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6),
                    reader.GetBoolean(7), reader.GetBoolean(8))
                {
                    InstitutionId = reader.IsDBNull(10) ? null : reader.GetInt32(10),
                    HasAssignees = reader.GetBoolean(11),
                    RelationsKnown = true,
                }, reader.GetString(9)));
            }

            return rows;
        }, cancellationToken);

    internal static Task<long> CountAsync(ICustomerDb db, string sql, (string Name, object Value)[] parameters, CancellationToken cancellationToken) =>
        PlainSql.QueryAsync(db, sql, parameters, async reader =>
            await reader.ReadAsync(cancellationToken) ? reader.GetInt64(0) : 0, cancellationToken);

    private static readonly Dictionary<string, CustomerType> Types = Enum.GetValues<CustomerType>().ToDictionary(t => t.ToString());

    private static CustomerType TypeOf(string stored) => Types.TryGetValue(stored, out var type) ? type : Enum.Parse<CustomerType>(stored);
}

/// <summary>
/// One plain SQL statement on a plain connection of the context's provider and database (from the provider's pool).
/// Not the context's own connection: opening that one also registers EF's SQL functions, which costs as much as a key
/// lookup.
/// </summary>
internal static class PlainSql
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, DbProviderFactory> Factories = new();

    public static async Task<T> QueryAsync<T>(
        ICustomerDb db, string sql, (string Name, object Value)[] parameters, Func<DbDataReader, Task<T>> read,
        CancellationToken cancellationToken)
    {
        // The provider's factory, found once per provider from a context's connection; later calls only read the
        // connection string, so the context never builds a DbConnection of its own (about 0.1 ms per lookup on EF Core 10).
        var factory = Factories.GetOrAdd(db.Database.ProviderName ?? "", _ => DbProviderFactories.GetFactory(db.Database.GetDbConnection())!);
        await using var connection = factory.CreateConnection()!;
        connection.ConnectionString = db.Database.GetConnectionString();
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await read(reader);
    }
}
