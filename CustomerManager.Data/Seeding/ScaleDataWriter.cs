using System.Globalization;
using CustomerManager.Domain.Customers;
using CustomerManager.Domain.Laybys;
using CustomerManager.Domain.Numbering;
using Microsoft.Data.Sqlite;

namespace CustomerManager.Data.Seeding;

/// <summary>A division the generated data uses: its id, code and current layby policy.</summary>
public sealed record ScaleDivision(int Id, string Code, LaybyPolicy LaybyPolicy);

/// <summary>What a generator run wrote (and whether Ctrl+C stopped it early: what was written is complete and consistent).</summary>
public sealed record ScaleDataResult(
    int Customers, int Accounts, int AccountEntries, int Allocations, int Laybys, int LaybyEntries, bool Cancelled);

/// <summary>
/// Writes N realistic customers with their division accounts, ledgers and laybys straight into a migrated SQLite file,
/// in batches of prepared INSERTs, one transaction per batch. Laybys are opened and paid through the domain's own
/// <see cref="Layby"/> (so schedules, fees and balances follow the rules); account ledgers post sales and payments with
/// allocations oldest due date first. Every customer has one division account, a third have a second; one in five has a
/// credit account with 10 entries and one in five a layby. Numbers are gap-free per sequence and the NumberSequences
/// rows are set, so the app carries on numbering after the generated rows.
/// </summary>
public sealed class ScaleDataWriter
{
    public const int BatchSize = 10_000;
    private const string CreatedBy = "scale-data";

    private static readonly string[] FirstNames =
    [
        "Thabo", "Naledi", "Sipho", "Ayanda", "Lerato", "Johan", "Annelie", "Pieter", "Fatima", "Yusuf", "Priya", "Ravi",
        "Nomsa", "Bongani", "Zanele", "Kagiso", "Michael", "Sarah", "David", "Emily", "Grace", "Daniel", "Tendai", "Chipo",
        "Lindiwe", "Mpho", "Tshepo", "Karabo", "Refilwe", "Themba", "Zodwa", "Sibusiso", "Nandi", "Lwazi", "Busisiwe",
        "Andile", "Mandla", "Palesesa", "Katlego", "Neo", "Hendrik", "Marike", "Riaan", "Elize", "Francois", "Charl",
        "Ashwin", "Kavitha", "Imran", "Zainab", "Ahmed", "Aisha", "Noah", "Olivia", "Liam", "Emma", "Ethan", "Chloe",
        "James", "Jessica", "Matthew", "Megan", "Ruan", "Liezl", "Tiisetso", "Dineo", "Kgomotso", "Ofentse", "Boitumelo",
        "Thulani", "Nokuthula", "Vusi", "Xolani", "Yolanda", "Zinhle", "Lebo", "Musa", "Sizwe", "Ntombi", "Jabu",
    ];

    private static readonly string[] LastNames =
    [
        "Nkosi", "Dlamini", "Mokoena", "Naidoo", "Botha", "van der Merwe", "Pillay", "Khumalo", "Mahlangu", "Smith",
        "Pretorius", "Ndlovu", "Zulu", "Sithole", "Moyo", "Jacobs", "Adams", "Mthembu", "Molefe", "Steyn", "Venter",
        "Govender", "Cele", "Ngcobo", "Nel", "du Plessis", "Coetzee", "Fourie", "Kruger", "Joubert", "Mabaso", "Radebe",
        "Shabalala", "Zwane", "Mkhize", "Buthelezi", "Maseko", "Ntuli", "Tshabalala", "Hlongwane", "Baloyi", "Mathebula",
        "Maluleke", "Chauke", "Nemutanzhela", "Ramaphosa", "Modise", "Sebola", "Phiri", "Banda", "Williams", "Brown",
        "Johnson", "Jones", "Taylor", "Davies", "Wilson", "Evans", "Thomas", "Roberts", "Patel", "Reddy", "Moodley",
        "Chetty", "Singh", "Essop", "Hendricks", "Petersen", "Isaacs", "Abrahams", "Daniels", "Arendse", "Swart", "Visser",
        "de Villiers", "Erasmus", "Marais", "Olivier", "Potgieter", "Snyman",
    ];

    private static readonly string[] CompanyWords =
        ["Ubuntu", "Karoo", "Highveld", "Protea", "Baobab", "Springbok", "Table Bay", "Drakensberg", "Limpopo", "Umhlanga", "Savanna", "Cape Point"];

    private static readonly string[] CompanyKinds = ["Traders", "Holdings", "Construction", "Foods", "Logistics", "Hardware", "Services", "Supplies"];

    private static readonly (string City, string Province, string Postal)[] Cities =
    [
        ("Johannesburg", "Gauteng", "2001"), ("Pretoria", "Gauteng", "0002"), ("Soweto", "Gauteng", "1804"),
        ("Cape Town", "Western Cape", "8001"), ("Stellenbosch", "Western Cape", "7600"), ("Durban", "KwaZulu-Natal", "4001"),
        ("Pietermaritzburg", "KwaZulu-Natal", "3201"), ("Gqeberha", "Eastern Cape", "6001"), ("East London", "Eastern Cape", "5201"),
        ("Bloemfontein", "Free State", "9301"), ("Polokwane", "Limpopo", "0700"), ("Mbombela", "Mpumalanga", "1200"),
        ("Rustenburg", "North West", "0300"), ("Kimberley", "Northern Cape", "8301"),
    ];

    private static readonly string[] Streets = ["Main Road", "Church Street", "Voortrekker Road", "Jan Smuts Avenue", "Long Street", "Nelson Mandela Drive", "Oak Avenue", "Station Road"];

    private static readonly (string Description, string Sku, decimal Price)[] LaybyProducts =
    [
        ("School uniform set", "CLO-UNI-01", 899.00m), ("Winter jacket", "CLO-JKT-02", 1299.99m), ("Leather boots", "CLO-BTS-03", 1499.50m),
        ("Cordless drill", "HRD-DRL-01", 2199.00m), ("Tool chest", "HRD-TCH-02", 3450.00m), ("Lawnmower", "HRD-MWR-03", 4999.99m),
        ("Fridge/freezer", "GRO-FRG-01", 7999.00m), ("Microwave oven", "GRO-MWO-02", 1899.00m), ("Cement mixer", "CON-MIX-01", 8999.00m),
        ("Wheelbarrow", "CON-WBR-02", 899.99m), ("Catering voucher", "RES-VCH-01", 1500.00m), ("Party platter booking", "RES-PLT-02", 2400.00m),
    ];

    private static readonly PaymentMethod[] Methods = [PaymentMethod.Cash, PaymentMethod.Card, PaymentMethod.Card, PaymentMethod.MobileMoney, PaymentMethod.BankTransfer];

    private static readonly string[] BulkTables =
        ["Customers", "DivisionAccounts", "AccountEntries", "PaymentAllocations", "Laybys", "LaybyItem", "LaybyInstalment", "LaybyEntries"];

    private readonly SqliteConnection connection;
    private readonly IReadOnlyList<ScaleDivision> divisions;
    private readonly DateTime nowUtc;
    private readonly DateOnly today;
    private readonly Dictionary<string, string> nameKeys = [];
    private readonly Dictionary<string, long> sequences = [];
    private readonly Inserts inserts;
    private long accountId;
    private long accountEntryId;
    private long allocationId;
    private long laybyId;
    private long laybyItemId;
    private long instalmentId;
    private long laybyEntryId;
    private int customers;
    private List<long> employees = [];

    /// <summary>Whether this writer made the institutions (so it also gives customers memberships).</summary>
    private bool institutions;

    /// <summary>Institutions made for a database without any (issue 17: 5,000 at a million customers).</summary>
    public const int Institutions = 5_000;

    /// <summary>Every 50th customer belongs to the first institution: 20,000 members at a million customers.</summary>
    public const int LargeInstitutionId = 1;

    private static readonly Domain.Institutions.Designation[] Designations = Enum.GetValues<Domain.Institutions.Designation>();

    public ScaleDataWriter(SqliteConnection connection, IReadOnlyList<ScaleDivision> divisions, DateTime nowUtc)
    {
        if (divisions.Count == 0)
        {
            throw new InvalidOperationException("The database has no divisions: seed the organisation first.");
        }

        this.connection = connection;
        this.divisions = divisions;
        this.nowUtc = new DateTime(nowUtc.Ticks - (nowUtc.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);
        today = DateOnly.FromDateTime(this.nowUtc);
        inserts = new Inserts(connection);
    }

    /// <summary>
    /// Writes <paramref name="count"/> customers after any already there. Secondary indexes of the bulk tables are
    /// dropped for the load and rebuilt after it (sorting once beats updating 17 indexes per row); the rebuilt unique
    /// indexes prove the numbers, e-mails and national IDs unique. Cancellation stops between batches.
    /// </summary>
    public ScaleDataResult Write(int count, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        Execute("PRAGMA foreign_keys = OFF; PRAGMA synchronous = OFF; PRAGMA journal_mode = OFF; PRAGMA cache_size = -262144; PRAGMA temp_store = MEMORY;");
        LoadCounters();
        WriteInstitutions();
        var indexes = DropSecondaryIndexes();
        var firstCustomer = (int)Scalar("SELECT COALESCE(MAX(Id), 0) FROM Customers") + 1;
        var cancelled = false;
        try
        {
            for (var start = firstCustomer; start < firstCustomer + count; start += BatchSize)
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    cancelled = true;
                    break;
                }

                using var transaction = connection.BeginTransaction();
                inserts.Enlist(transaction);
                for (var id = start; id < Math.Min(start + BatchSize, firstCustomer + count); id++)
                {
                    WriteCustomer(id);
                }

                WriteSequences(transaction);
                transaction.Commit();
                progress?.Report(customers);
            }
        }
        finally
        {
            foreach (var sql in indexes)
            {
                Execute(sql);
            }

            Execute("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; ANALYZE;");
        }

        return new ScaleDataResult(customers, Count("DivisionAccounts"), Count("AccountEntries"), Count("PaymentAllocations"),
            Count("Laybys"), Count("LaybyEntries"), cancelled);
    }

    private void WriteCustomer(int id)
    {
        var random = new Random(id);
        var isBusiness = id % 20 == 0;
        var (city, province, postal) = Cities[random.Next(Cities.Length)];
        string? first = null, last = null, company = null;
        string full;
        if (isBusiness)
        {
            company = $"{CompanyWords[random.Next(CompanyWords.Length)]} {LastNames[random.Next(LastNames.Length)]} {CompanyKinds[random.Next(CompanyKinds.Length)]}";
            full = company;
        }
        else
        {
            first = FirstNames[random.Next(FirstNames.Length)];
            last = LastNames[random.Next(LastNames.Length)];
            full = $"{first} {last}";
        }

        var created = nowUtc.AddDays(-random.Next(30, 3 * 365)).AddSeconds(-random.Next(86_400));
        var isActive = id % 50 != 7;
        var blacklisted = id % 200 == 3;
        var birth = new DateOnly(1950, 1, 1).AddDays(random.Next(0, 55 * 365));
        var c = inserts.Customer;
        c.Set("$Id", id);
        c.Set("$CustomerNumber", NumberSequence.Format(Customer.NumberPrefix, id));
        c.Set("$Type", isBusiness ? nameof(CustomerType.Business) : nameof(CustomerType.Individual));
        c.Set("$FirstName", first);
        c.Set("$LastName", last);
        c.Set("$FullName", full);
        c.Set("$CompanyName", company);
        c.Set("$DateOfBirth", isBusiness ? null : birth.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        c.Set("$PrimaryEmail", $"{Slug(isBusiness ? company! : first + "." + last)}.{id}@example.co.za");
        // Unique by construction: a mobile prefix and the id in the last seven digits.
        c.Set("$PrimaryPhone", $"+27{(id % 3) switch { 0 => "82", 1 => "83", _ => "72" }}{id:D7}");
        c.Set("$AlternatePhone", id % 10 == 1 ? $"+2711{id:D7}" : null);
        c.Set("$Address", $"{1 + random.Next(300)} {Streets[random.Next(Streets.Length)]}");
        c.Set("$City", city);
        c.Set("$State", province);
        c.Set("$PostalCode", postal);
        c.Set("$NationalId", isBusiness ? null : $"{birth:yyMMdd}{id:D7}");
        c.Set("$Source", (id % 4) switch { 0 => "Walk-in", 1 => "Referral", 2 => "Website", _ => "Campaign" });
        c.Set("$IsActive", isActive);
        c.Set("$IsBlacklisted", blacklisted);
        c.Set("$BlacklistReason", blacklisted ? "Repeated returned cheques" : null);
        c.Set("$CreatedAtUtc", Stamp(created));
        c.Set("$UpdatedAtUtc", Stamp(created));
        c.Set("$CreatedBy", CreatedBy);
        c.Set("$UpdatedBy", CreatedBy);
        c.Set("$FirstNameKey", Key(first));
        c.Set("$LastNameKey", Key(last));
        c.Set("$FullNameKey", Key(full));
        c.Set("$CompanyNameKey", Key(company));
        var (institution, designation) = MembershipOf(id);
        c.Set("$InstitutionId", institution);
        c.Set("$Designation", designation?.ToString());
        c.Run();
        customers++;
        if (institution is not null)
        {
            var m = inserts.Membership;
            m.Set("$CustomerId", id);
            m.Set("$InstitutionId", institution);
            m.Set("$Designation", designation.ToString());
            m.Set("$StartedAtUtc", Stamp(created));
            m.Set("$StartedBy", CreatedBy);
            m.Run();
        }

        // Every 100th customer is looked after by an account manager: each employee's "My customers".
        if (employees.Count > 0 && id % 100 == 4)
        {
            var assignment = inserts.Assignment;
            assignment.Set("$EmployeeId", employees[id / 100 % employees.Count]);
            assignment.Set("$StartDate", DateOnly.FromDateTime(created).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            assignment.Set("$CreatedAtUtc", Stamp(created));
            assignment.Set("$CreatedBy", CreatedBy);
            assignment.Set("$CustomerId", id);
            assignment.Run();
        }

        // Spread over the divisions in runs of five, so credit accounts and laybys (every fifth customer) land in all of them.
        var home = divisions[id / 5 % divisions.Count];
        var credit = id % 5 == 0;
        var homeAccount = WriteAccount(id, home, created, credit, random);
        if (id % 3 == 0)
        {
            WriteAccount(id, divisions[(id / 5 + 2) % divisions.Count], created.AddDays(random.Next(1, 25)), false, random);
        }

        if (credit)
        {
            WriteLedger(homeAccount, home, random);
        }

        if (id % 5 == 2)
        {
            WriteLayby(id, home, random);
        }
    }

    /// <summary>Every 50th customer in the large institution, every 10th (else) in one of the others (about 20 members each).</summary>
    private (int? Institution, Domain.Institutions.Designation? Designation) MembershipOf(int id) =>
        !institutions ? (null, null)
        : id % 50 == 1 ? (LargeInstitutionId, Designations[id / 50 % Designations.Length])
        : id % 10 == 3 ? (2 + (id / 10 % (Institutions - 1)), Designations[id / 10 % Designations.Length])
        : (null, null);

    /// <summary>The institutions, once, into a database that has none; and the employees assignments go to.</summary>
    private void WriteInstitutions()
    {
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT Id FROM Employees WHERE IsActive = 1 ORDER BY Id";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                employees.Add(reader.GetInt64(0));
            }
        }

        var existing = Scalar("SELECT COUNT(*) FROM Institutions");
        var ours = Scalar($"SELECT COUNT(*) FROM Institutions WHERE CreatedBy = '{CreatedBy}'");
        institutions = existing == 0 || ours == Institutions;
        if (existing > 0)
        {
            return;
        }

        var types = Enum.GetValues<Domain.Institutions.InstitutionType>();
        using var transaction = connection.BeginTransaction();
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO Institutions (Id, Name, Code, Type, Status, City, Country, CreatedAtUtc, CreatedBy, Version) " +
            "VALUES ($id, $name, $code, $type, 'Active', $city, 'South Africa', $at, $by, 0)";
        foreach (var name in new[] { "$id", "$name", "$code", "$type", "$city", "$at", "$by" })
        {
            insert.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        for (var i = 1; i <= Institutions; i++)
        {
            var type = types[i % types.Length];
            insert.Parameters["$id"].Value = i;
            insert.Parameters["$name"].Value = $"{LastNames[i % LastNames.Length]} {type} {i}";
            insert.Parameters["$code"].Value = $"SI{i:D5}";
            insert.Parameters["$type"].Value = type.ToString();
            insert.Parameters["$city"].Value = Cities[i % Cities.Length].City;
            insert.Parameters["$at"].Value = Stamp(nowUtc.AddYears(-3));
            insert.Parameters["$by"].Value = CreatedBy;
            insert.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    private long WriteAccount(int customerId, ScaleDivision division, DateTime opened, bool credit, Random random)
    {
        var a = inserts.Account;
        var id = ++accountId;
        var marketing = random.Next(3) == 0;
        a.Set("$Id", id);
        a.Set("$CustomerId", customerId);
        a.Set("$DivisionId", division.Id);
        a.Set("$AccountNumber", NumberSequence.Format(Domain.Accounts.DivisionAccount.SequenceName(division.Code), Next(Domain.Accounts.DivisionAccount.SequenceName(division.Code))));
        a.Set("$CreditLimit", credit ? 1_000_000L : 0L);
        a.Set("$PaymentTermsDays", 30);
        a.Set("$AllowCredit", credit);
        a.Set("$Balance", 0L);
        a.Set("$LoyaltyPoints", random.Next(0, 2_000));
        a.Set("$MarketingConsent", marketing);
        a.Set("$MarketingConsentAtUtc", marketing ? Stamp(opened) : null);
        a.Set("$MarketingConsentSource", marketing ? "In store" : null);
        a.Set("$OpenedAtUtc", Stamp(opened));
        a.Run();
        return id;
    }

    /// <summary>Five sales on 30-day terms and five payments over the last half year, allocated oldest due date first.</summary>
    private void WriteLedger(long account, ScaleDivision division, Random random)
    {
        var open = new List<(long Id, long Open)>();
        long balance = 0;
        var start = today.AddDays(-180 + random.Next(30));
        for (var k = 0; k < 5; k++)
        {
            var saleDate = start.AddDays(30 * k + random.Next(5));
            var sale = 100L * random.Next(100, 2_000);
            var saleId = Entry(account, "SaleOnAccount", sale, saleDate, saleDate.AddDays(30), $"INV-{account}-{k + 1}", null, null);
            open.Add((saleId, sale));
            balance += sale;

            // Mostly settle what is open, sometimes part of it; never more (no allocation can exceed a charge).
            var paymentDate = saleDate.AddDays(10 + random.Next(15));
            var owing = open.Sum(o => o.Open);
            var paid = random.Next(4) == 0 ? owing / 2 : owing;
            if (paymentDate > today || paid == 0)
            {
                continue;
            }

            var method = Methods[random.Next(Methods.Length)];
            var receipt = NumberSequence.Format($"RCT-{division.Code}", Next($"RCT-{division.Code}"));
            var paymentId = Entry(account, "Payment", -paid, paymentDate, null, null, method.ToString(), receipt);
            balance -= paid;
            var left = paid;
            for (var o = 0; o < open.Count && left > 0; o++)
            {
                var amount = Math.Min(left, open[o].Open);
                if (amount == 0)
                {
                    continue;
                }

                var p = inserts.Allocation;
                p.Set("$Id", ++allocationId);
                p.Set("$PaymentEntryId", paymentId);
                p.Set("$ChargeEntryId", open[o].Id);
                p.Set("$Amount", amount);
                p.Run();
                open[o] = (open[o].Id, open[o].Open - amount);
                left -= amount;
            }
        }

        inserts.SetBalance.Set("$Id", account);
        inserts.SetBalance.Set("$Balance", balance);
        inserts.SetBalance.Run();
    }

    private long Entry(long account, string kind, long amount, DateOnly date, DateOnly? due, string? reference, string? method, string? receipt)
    {
        var e = inserts.AccountEntry;
        var id = ++accountEntryId;
        e.Set("$Id", id);
        e.Set("$DivisionAccountId", account);
        e.Set("$Kind", kind);
        e.Set("$Amount", amount);
        e.Set("$PostingDate", date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        e.Set("$DueDate", due?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        e.Set("$Reference", reference);
        e.Set("$Method", method);
        e.Set("$ReceiptNumber", receipt);
        e.Set("$RequestId", receipt is null ? null : RequestId(id));
        e.Set("$CreatedAtUtc", Stamp(date.ToDateTime(new TimeOnly(10, 0), DateTimeKind.Utc)));
        e.Set("$CreatedBy", CreatedBy);
        e.Run();
        return id;
    }

    /// <summary>
    /// A layby opened in the last 100 days through <see cref="Layby.Open"/> and paid through <see cref="Layby.Pay"/>:
    /// some on time, some behind (overdue), some paid up (completed), some with the deposit only.
    /// </summary>
    private void WriteLayby(int customerId, ScaleDivision division, Random random)
    {
        var policy = division.LaybyPolicy;
        var opened = today.AddDays(-random.Next(1, 100));
        var openedAt = opened.ToDateTime(new TimeOnly(9 + random.Next(8), random.Next(60)), DateTimeKind.Utc);
        var lines = Enumerable.Range(0, 1 + random.Next(3)).Select(_ => LaybyProducts[random.Next(LaybyProducts.Length)])
            .Select(p => new LaybyItemInput(p.Description, p.Sku, 1 + random.Next(2), p.Price)).ToList();
        var total = lines.Sum(l => l.UnitPrice * l.Quantity);
        var frequency = policy.AllowMonthly ? LaybyFrequency.Monthly : policy.AllowFortnightly ? LaybyFrequency.Fortnightly : LaybyFrequency.Weekly;
        var layby = Layby.Open(customerId, division.Id, policy, lines, Math.Ceiling(policy.MinimumDeposit(total)), Methods[random.Next(Methods.Length)],
            frequency, opened.AddDays(Math.Min(84, policy.MaximumTermDays)), opened, openedAt, CreatedBy);
        var behaviour = random.Next(20);
        foreach (var instalment in layby.Instalments)
        {
            var due = instalment.DueDate;
            var payAll = behaviour < 4;
            if (layby.Status != LaybyStatus.Active || (!payAll && (due > today || behaviour >= 17 || (behaviour >= 12 && instalment.Number > 1))))
            {
                break;
            }

            var paidOn = payAll && due > today ? today : due.AddDays(-random.Next(3));
            layby.Pay(Math.Min(instalment.Amount, layby.Balance), Methods[random.Next(Methods.Length)], null, Guid.NewGuid(),
                paidOn.ToDateTime(new TimeOnly(11, 0), DateTimeKind.Utc), CreatedBy);
        }

        var id = ++laybyId;
        var l = inserts.Layby;
        l.Set("$Id", id);
        l.Set("$LaybyNumber", NumberSequence.Format($"LAY-{division.Code}", Next($"LAY-{division.Code}")));
        l.Set("$CustomerId", customerId);
        l.Set("$DivisionId", division.Id);
        l.Set("$PolicyId", policy.Id);
        l.Set("$Status", layby.Status.ToString());
        l.Set("$Frequency", layby.Frequency.ToString());
        l.Set("$OpenedOn", opened.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        l.Set("$CompletionDate", layby.CompletionDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        l.Set("$Total", Cents(layby.Total));
        l.Set("$Deposit", Cents(layby.Deposit));
        l.Set("$Balance", Cents(layby.Balance));
        l.Set("$OpenedAtUtc", Stamp(openedAt));
        l.Set("$OpenedBy", CreatedBy);
        l.Set("$CompletedAtUtc", layby.CompletedAtUtc is { } completed ? Stamp(completed) : null);
        l.Run();
        foreach (var item in layby.Items)
        {
            var i = inserts.LaybyItem;
            i.Set("$Id", ++laybyItemId);
            i.Set("$LaybyId", id);
            i.Set("$Description", item.Description);
            i.Set("$Sku", item.Sku);
            i.Set("$Quantity", item.Quantity);
            i.Set("$UnitPrice", Cents(item.UnitPrice));
            i.Set("$LineTotal", Cents(item.LineTotal));
            i.Run();
        }

        foreach (var instalment in layby.Instalments)
        {
            var s = inserts.Instalment;
            s.Set("$Id", ++instalmentId);
            s.Set("$LaybyId", id);
            s.Set("$Number", instalment.Number);
            s.Set("$DueDate", instalment.DueDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            s.Set("$Amount", Cents(instalment.Amount));
            s.Run();
        }

        foreach (var entry in layby.Entries)
        {
            var isMoneyIn = entry.Kind is LaybyEntryKind.Deposit or LaybyEntryKind.Payment;
            var e = inserts.LaybyEntry;
            e.Set("$Id", ++laybyEntryId);
            e.Set("$LaybyId", id);
            e.Set("$Kind", entry.Kind.ToString());
            e.Set("$Amount", Cents(entry.Amount));
            e.Set("$PostedAtUtc", Stamp(entry.PostedAtUtc));
            e.Set("$PostedBy", entry.PostedBy);
            e.Set("$Method", entry.Method?.ToString());
            e.Set("$Reference", entry.Reference);
            e.Set("$RequestId", entry.RequestId?.ToString().ToUpperInvariant());
            e.Set("$ReceiptNumber", isMoneyIn ? NumberSequence.Format($"RCT-{division.Code}", Next($"RCT-{division.Code}")) : null);
            e.Run();
        }
    }

    private long Next(string sequence)
    {
        sequences.TryGetValue(sequence, out var last);
        sequences[sequence] = last + 1;
        return last + 1;
    }

    private void WriteSequences(SqliteTransaction transaction)
    {
        sequences[Customer.NumberPrefix] = Scalar("SELECT COALESCE(MAX(Id), 0) FROM Customers", transaction);
        foreach (var (name, value) in sequences)
        {
            inserts.Sequence.Set("$Name", name);
            inserts.Sequence.Set("$LastValue", value);
            inserts.Sequence.Run();
        }
    }

    /// <summary>Carries on after what the file holds: ids from the tables, numbers from NumberSequences.</summary>
    private void LoadCounters()
    {
        accountId = Scalar("SELECT COALESCE(MAX(Id), 0) FROM DivisionAccounts");
        accountEntryId = Scalar("SELECT COALESCE(MAX(Id), 0) FROM AccountEntries");
        allocationId = Scalar("SELECT COALESCE(MAX(Id), 0) FROM PaymentAllocations");
        laybyId = Scalar("SELECT COALESCE(MAX(Id), 0) FROM Laybys");
        laybyItemId = Scalar("SELECT COALESCE(MAX(Id), 0) FROM LaybyItem");
        instalmentId = Scalar("SELECT COALESCE(MAX(Id), 0) FROM LaybyInstalment");
        laybyEntryId = Scalar("SELECT COALESCE(MAX(Id), 0) FROM LaybyEntries");
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT Name, LastValue FROM NumberSequences";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            sequences[reader.GetString(0)] = reader.GetInt64(1);
        }
    }

    private List<string> DropSecondaryIndexes()
    {
        var indexes = new List<(string Name, string Sql)>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = $"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ({string.Join(", ", BulkTables.Select(t => $"'{t}'"))})";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                indexes.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        foreach (var (name, _) in indexes)
        {
            Execute($"DROP INDEX \"{name}\"");
        }

        return indexes.Select(i => i.Sql).ToList();
    }

    private string Key(string? name)
    {
        if (name is null)
        {
            return "";
        }

        if (!nameKeys.TryGetValue(name, out var key))
        {
            key = ContactNormalisation.NameKey(name);
            nameKeys[name] = key;
        }

        return key;
    }

    private static string Slug(string name) => string.Concat(name.ToLowerInvariant().Where(ch => char.IsAsciiLetterOrDigit(ch) || ch == '.'));

    private static string RequestId(long seed) => new Guid((int)(seed >> 32), (short)(seed >> 16), (short)seed, 0x5c, 0xa1, 0xe0, 0, 0, 0, 0, 1).ToString().ToUpperInvariant();

    // How EF Core stores DateTime on SQLite (whole seconds here).
    private static string Stamp(DateTime value) => value.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private static long Cents(decimal amount) => (long)(amount * 100m);

    private int Count(string table) => (int)Scalar($"SELECT COUNT(*) FROM \"{table}\"");

    private long Scalar(string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private void Execute(string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>The prepared INSERTs, one per table, re-enlisted in each batch's transaction.</summary>
    private sealed class Inserts(SqliteConnection connection)
    {
        public PreparedInsert Customer { get; } = new(connection, "Customers",
            ["Id", "CustomerNumber", "Type", "FirstName", "LastName", "FullName", "CompanyName", "DateOfBirth", "PrimaryEmail",
             "PrimaryPhone", "AlternatePhone", "Address", "City", "State", "PostalCode", "NationalId", "Source", "IsActive",
             "IsBlacklisted", "BlacklistReason", "CreatedAtUtc", "UpdatedAtUtc", "CreatedBy", "UpdatedBy", "FirstNameKey",
             "LastNameKey", "FullNameKey", "CompanyNameKey", "InstitutionId", "Designation"],
            "Country, Version", "'South Africa', 0");

        public PreparedInsert Membership { get; } = new(connection, "InstitutionMemberships",
            ["CustomerId", "InstitutionId", "Designation", "StartedAtUtc", "StartedBy"]);

        public PreparedInsert Assignment { get; } = new(connection, "Assignments",
            ["EmployeeId", "StartDate", "CreatedAtUtc", "CreatedBy", "CustomerId"],
            "Role, IsActive, Target", "'AccountManager', 1, 'Customer'");

        public PreparedInsert Account { get; } = new(connection, "DivisionAccounts",
            ["Id", "CustomerId", "DivisionId", "AccountNumber", "CreditLimit", "PaymentTermsDays", "AllowCredit", "Balance",
             "LoyaltyPoints", "MarketingConsent", "MarketingConsentAtUtc", "MarketingConsentSource", "OpenedAtUtc"],
            "Status, AllowLayby, LoyaltyTier, SmsConsent, EmailConsent, PreferencesJson, CustomFieldsJson, Version",
            "'Active', 1, 'Bronze', 0, 0, '{}', '{}', 0");

        public PreparedInsert AccountEntry { get; } = new(connection, "AccountEntries",
            ["Id", "DivisionAccountId", "Kind", "Amount", "PostingDate", "DueDate", "Reference", "Method", "ReceiptNumber",
             "RequestId", "CreatedAtUtc", "CreatedBy"]);

        public PreparedInsert Allocation { get; } = new(connection, "PaymentAllocations", ["Id", "PaymentEntryId", "ChargeEntryId", "Amount"]);

        public PreparedInsert Layby { get; } = new(connection, "Laybys",
            ["Id", "LaybyNumber", "CustomerId", "DivisionId", "PolicyId", "Status", "Frequency", "OpenedOn", "CompletionDate",
             "Total", "Deposit", "Balance", "OpenedAtUtc", "OpenedBy", "CompletedAtUtc"], "Version", "0");

        public PreparedInsert LaybyItem { get; } = new(connection, "LaybyItem",
            ["Id", "LaybyId", "Description", "Sku", "Quantity", "UnitPrice", "LineTotal"]);

        public PreparedInsert Instalment { get; } = new(connection, "LaybyInstalment", ["Id", "LaybyId", "Number", "DueDate", "Amount"]);

        public PreparedInsert LaybyEntry { get; } = new(connection, "LaybyEntries",
            ["Id", "LaybyId", "Kind", "Amount", "PostedAtUtc", "PostedBy", "Method", "Reference", "RequestId", "ReceiptNumber"],
            "ReversesFee, ReversesPayment", "0, 0");

        public PreparedInsert SetBalance { get; } = new(connection, "UPDATE DivisionAccounts SET Balance = $Balance WHERE Id = $Id", ["Balance", "Id"]);

        public PreparedInsert Sequence { get; } = new(connection,
            "INSERT INTO NumberSequences (Name, LastValue) VALUES ($Name, $LastValue) ON CONFLICT(Name) DO UPDATE SET LastValue = $LastValue",
            ["Name", "LastValue"]);

        public void Enlist(SqliteTransaction transaction)
        {
            foreach (var insert in new[] { Customer, Membership, Assignment, Account, AccountEntry, Allocation, Layby, LaybyItem, Instalment, LaybyEntry, SetBalance, Sequence })
            {
                insert.Command.Transaction = transaction;
            }
        }
    }

    /// <summary>One prepared statement with a parameter per column (a table name builds the INSERT; SQL is used as is).</summary>
    private sealed class PreparedInsert
    {
        private readonly Dictionary<string, SqliteParameter> parameters = [];

        public PreparedInsert(SqliteConnection connection, string tableOrSql, string[] columns, string? fixedColumns = null, string? fixedValues = null)
        {
            Command = connection.CreateCommand();
            Command.CommandText = tableOrSql.Contains(' ')
                ? tableOrSql
                : $"INSERT INTO \"{tableOrSql}\" ({string.Join(", ", columns)}{(fixedColumns is null ? "" : ", " + fixedColumns)}) " +
                  $"VALUES ({string.Join(", ", columns.Select(c => "$" + c))}{(fixedValues is null ? "" : ", " + fixedValues)})";
            foreach (var column in columns)
            {
                // No declared type: each value binds as what it is (text, integer or NULL).
                var parameter = Command.CreateParameter();
                parameter.ParameterName = "$" + column;
                Command.Parameters.Add(parameter);
                parameters["$" + column] = parameter;
            }
        }

        public SqliteCommand Command { get; }

        public void Set(string name, object? value) => parameters[name].Value = value switch
        {
            null => DBNull.Value,
            bool b => b ? 1L : 0L,
            _ => value,
        };

        public void Run() => Command.ExecuteNonQuery();
    }
}
