using CustomerManager.Domain.Accounts;
using CustomerManager.Domain.Laybys;
using CustomerManager.Domain.Common;
using CustomerManager.Domain.Customers;
using CustomerManager.Domain.Messaging;
using CustomerManager.Domain.Numbering;
using CustomerManager.Domain.Organisation;
using CustomerManager.Domain.Subscriptions;
using CustomerManager.Domain.Templates;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CustomerManager.Data.Seeding;

/// <summary>
/// The "ISP" demo set (issue 19, seed isp-customers): a Connect division selling Fiber, Broadband and Wireless plans,
/// and its own subscribed customers with a year of history made through the real services on a clock moved day by day:
/// subscriptions started over the last year, every billing run since (charges on the accounts, no invoice messages for
/// the history), payments (most on time, some late, a few not at all, so some are suspended), cancellations with
/// reasons, a few plan changes, monthly usage, survey answers and support tickets, then the churn risk of each.
/// Deterministic (fixed random seed); runs once (no plans yet).
/// </summary>
public sealed class DemoSubscriptionSeeder(IServiceScopeFactory scopeFactory, TimeProvider clock, ILogger<DemoSubscriptionSeeder> logger)
{
    public const string DivisionCode = "NET";

    private static readonly (string Name, int Type, string Speed, string Allowance, decimal Price, BillingCycle Cycle, string[] Ott, int Channels)[] PlanSeeds =
    [
        ("Fiber 50", 1, "50 Mbps", "Uncapped", 549m, BillingCycle.Monthly, ["Showmax"], 0),
        ("Fiber 100", 1, "100 Mbps", "Uncapped", 799m, BillingCycle.Monthly, ["Netflix", "Showmax"], 60),
        ("Fiber 500", 1, "500 Mbps", "Uncapped", 1199m, BillingCycle.Monthly, ["Netflix", "Prime Video", "Showmax"], 150),
        ("Fiber 1 Gbps", 1, "1 Gbps", "Uncapped", 1599m, BillingCycle.Monthly, ["Netflix", "Prime Video", "Disney+", "Showmax"], 228),
        ("Fiber 100 Quarterly", 1, "100 Mbps", "Uncapped", 2249m, BillingCycle.Quarterly, ["Netflix"], 60),
        ("Broadband 20", 2, "20 Mbps", "500 GB", 399m, BillingCycle.Monthly, [], 0),
        ("Broadband 40", 2, "40 Mbps", "1 TB", 499m, BillingCycle.Monthly, ["YouTube Premium"], 0),
        ("Wireless 10", 3, "10 Mbps", "200 GB", 299m, BillingCycle.Monthly, [], 0),
        ("Wireless Annual", 3, "20 Mbps", "Uncapped", 4999m, BillingCycle.Annual, ["Showmax"], 0),
    ];

    private static readonly string[] FirstNames =
        ["Lwazi", "Naledi", "Kabelo", "Zodwa", "Riaan", "Carmen", "Musa", "Ntombi", "Hugo", "Aisha", "Vusi", "Lindiwe", "Gerrit", "Precious", "Omar", "Sanele"];

    private static readonly string[] LastNames =
        ["Mkhabela", "Ferreira", "Tshabalala", "Hendricks", "Nel", "Mabuza", "Moodley", "Swart", "Khoza", "Isaacs", "Mokgosi", "Olivier", "Dube", "Rossouw"];

    private static readonly string[] TicketSubjects =
        ["Slow speeds in the evening", "Router keeps restarting", "No internet since this morning", "Billing query", "Wi-Fi does not reach the bedroom",
            "Streaming buffers on Netflix", "Move the line to a new address", "Static IP request"];

    private static readonly string[] CancelReasons =
        ["Moved to a competitor with a cheaper offer", "Relocating out of the coverage area", "Too many outages", "No longer needed"];

    public async Task SeedAsync(int count = 500, CancellationToken cancellationToken = default)
    {
        if (count < 10)
        {
            return;
        }

        using var system = AmbientUser.Use(AmbientUser.System);
        await using var scope = scopeFactory.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<CustomerDbContext>();
        if (await db.Plans.AnyAsync(cancellationToken) || !await db.Divisions.AnyAsync(cancellationToken))
        {
            return;
        }

        var random = new Random(1919);
        var now = clock.GetUtcNow().UtcDateTime;
        var zone = services.GetRequiredService<BusinessTime>().Zone;
        var today = new BusinessTime(clock, zone).Today;
        var seeding = new SeedingClock();
        var time = new BusinessTime(seeding, zone);
        var factory = services.GetRequiredService<ICustomerDbFactory>();
        var user = services.GetRequiredService<ICurrentUser>();
        var templates = new MessageTemplateService(factory, user, time);
        var plans = new PlanService(factory, user, time);
        var subscriptions = new SubscriptionService(factory, user, time);
        var billing = new SubscriptionBillingService(factory, user, time, templates, new OutboxSignal());
        var ledger = new AccountLedgerService(factory, user, time);
        var experience = new ExperienceService(factory, user, time);

        var business = await db.Businesses.OrderBy(b => b.Id).FirstAsync(cancellationToken);
        var division = await db.Divisions.FirstOrDefaultAsync(d => d.Code == DivisionCode, cancellationToken);
        if (division is null)
        {
            division = new Division(business.Id, "Connect", DivisionCode, DivisionType.Other);
            db.Divisions.Add(division);
            await db.SaveChangesAsync(cancellationToken);
            db.LaybyPolicies.Add(new Domain.Laybys.LaybyPolicy(division.Id, 1, new Domain.Laybys.LaybyPolicyTerms(AdminFee: 25m, LateFeePerInstalment: 50m), now, AmbientUser.SystemName));
            db.CreditPolicies.Add(new Domain.Credit.CreditPolicy(division.Id, 1, Domain.Credit.CreditPolicyTerms.Default, now, AmbientUser.SystemName));
            await db.SaveChangesAsync(cancellationToken);
        }

        var first = today.AddDays(-365);
        seeding.At(time, first);
        var planList = new List<Plan>();
        foreach (var (name, type, speed, allowance, price, cycle, ott, channels) in PlanSeeds)
        {
            planList.Add(await plans.CreateAsync(new PlanInput
            {
                Name = name,
                ServiceTypeId = type,
                DivisionId = division.Id,
                Speed = speed,
                Allowance = allowance,
                Price = price,
                Cycle = cycle,
                OttApps = ott,
                LiveChannels = channels,
            }, cancellationToken));
        }

        // The subscribers: people with a mobile number, most with an e-mail address.
        var customers = new List<Customer>(count);
        for (var i = 0; i < count; i++)
        {
            var firstName = FirstNames[random.Next(FirstNames.Length)];
            var lastName = LastNames[random.Next(LastNames.Length)];
            customers.Add(new Customer(new CustomerDetails
            {
                Type = CustomerType.Individual,
                FirstName = firstName,
                LastName = lastName,
                PrimaryPhone = $"074 {100 + (i / 1000):D3} {i % 1000:D4}",
                PrimaryEmail = random.Next(10) < 7 ? $"{firstName}.{lastName}.{i}@isp-demo.example".ToLowerInvariant() : null,
                City = "Johannesburg",
                Source = "ISP sign-up",
            }, business.DefaultPhoneCountryCode, business.Country, first, now.AddDays(-365), AmbientUser.SystemName));
        }

        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            foreach (var customer in customers)
            {
                customer.AssignNumber(await db.TakeNextAsync(Customer.NumberPrefix, cancellationToken));
            }

            db.Customers.AddRange(customers);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        // Who starts when, on what, and how they behave.
        var people = customers.Select(c => new Subscriber(c.Id, today.AddDays(-random.Next(0, 366)), PickPlan(random),
            random.Next(100) switch { < 78 => Behaviour.OnTime, < 90 => Behaviour.Late, < 95 => Behaviour.Stops, _ => Behaviour.Cancels })).ToList();
        var byStart = people.ToLookup(p => p.Start);
        var payments = new Dictionary<DateOnly, List<(int CustomerId, decimal Amount)>>();
        var cancels = people.Where(p => p.Behaviour == Behaviour.Cancels).ToDictionary(p => p.CustomerId, p => p.Start.AddDays(random.Next(40, 200)));
        var started = new Dictionary<int, (Subscription Subscription, Plan Plan)>();
        // The days a billing run has something to charge (runs on other days would find nothing due).
        var chargeDays = people.SelectMany(p => Enumerable.Range(0, 13).Select(k => p.Start.AddMonths(k * PlanSeeds[p.PlanIndex].Cycle.Months()))).ToHashSet();
        for (var day = first; day <= today; day = day.AddDays(1))
        {
            seeding.At(time, day);
            foreach (var person in byStart[day])
            {
                var plan = planList[person.PlanIndex];
                var subscription = await subscriptions.SubscribeAsync(new SubscribeInput(person.CustomerId, null, plan.Id, day), cancellationToken);
                started[person.CustomerId] = (subscription, plan);
                // Charges on each period start; most pay them some days later, late payers pay late, some stop paying.
                var stopAfter = person.Behaviour == Behaviour.Stops ? today.AddDays(-random.Next(35, 90)) : DateOnly.MaxValue;
                for (var k = 0; day.AddMonths(k * plan.Cycle.Months()) <= today; k++)
                {
                    var charged = day.AddMonths(k * plan.Cycle.Months());
                    var paid = charged.AddDays(person.Behaviour == Behaviour.Late ? random.Next(25, 50) : random.Next(2, 20));
                    if (charged < stopAfter && paid <= today && !(cancels.TryGetValue(person.CustomerId, out var cancelled) && charged >= cancelled))
                    {
                        (payments.TryGetValue(paid, out var list) ? list : payments[paid] = []).Add((person.CustomerId, plan.Price));
                    }
                }
            }

            if (chargeDays.Contains(day) || day == today)
            {
                await billing.RunAsync(day, cancellationToken, sendInvoices: false);
            }
            foreach (var (customerId, amount) in payments.GetValueOrDefault(day) ?? [])
            {
                var accountId = await db.DivisionAccounts.Where(a => a.CustomerId == customerId && a.DivisionId == division.Id).Select(a => a.Id).FirstAsync(cancellationToken);
                await ledger.RecordPaymentAsync(accountId, amount, random.Next(3) == 0 ? PaymentMethod.Card : PaymentMethod.BankTransfer, "Debit order",
                    Guid.NewGuid(), cancellationToken: cancellationToken);
            }

            foreach (var (customerId, _) in cancels.Where(c => c.Value == day))
            {
                if (started.TryGetValue(customerId, out var s))
                {
                    var current = (await subscriptions.GetAsync(s.Subscription.Id, cancellationToken)).Subscription;
                    if (current.Status != SubscriptionStatus.Cancelled)
                    {
                        await subscriptions.CancelAsync(current.Id, current.Version, CancelReasons[random.Next(CancelReasons.Length)], cancellationToken);
                    }
                }
            }
        }

        // Two price changes three months ago: existing subscriptions keep their price until they renew.
        seeding.At(time, today.AddDays(-90));
        foreach (var plan in planList.Where(p => p.Name is "Fiber 100" or "Broadband 20"))
        {
            var current = await plans.GetAsync(plan.Id, cancellationToken);
            await plans.UpdateAsync(current.Id, current.Version, current.Input() with { Price = current.Price + 50m }, cancellationToken);
        }

        seeding.At(time, today);
        await SeedExperienceAsync(db, experience, subscriptions, started, planList, random, today, now, cancellationToken);
        var assessed = await new ChurnService(factory, user, time).RecomputeAllAsync(cancellationToken);
        logger.LogInformation("Seeded the ISP demo set: {Plans} plans, {Customers} subscribed customers, {Assessed} churn assessments", planList.Count, count, assessed);
    }

    private static async Task SeedExperienceAsync(
        CustomerDbContext db, ExperienceService experience, SubscriptionService subscriptions, Dictionary<int, (Subscription Subscription, Plan Plan)> started,
        List<Plan> plans, Random random, DateOnly today, DateTime now, CancellationToken cancellationToken)
    {
        var thisMonth = new DateOnly(today.Year, today.Month, 1);
        var index = 0;
        foreach (var (subscription, plan) in started.Values.OrderBy(s => s.Subscription.Id))
        {
            index++;
            var fast = plan.Speed?.Contains("Gbps", StringComparison.Ordinal) == true ? 600m : plan.Speed is { } speed && decimal.TryParse(speed.Split(' ')[0], out var mbps) ? mbps : 20m;
            var usual = (decimal)(80 + random.Next(900));
            var dropping = random.Next(10) == 0;
            for (var month = new DateOnly(subscription.StartDate.Year, subscription.StartDate.Month, 1); month < thisMonth; month = month.AddMonths(1))
            {
                var used = Math.Round(usual * (decimal)(0.8 + (random.NextDouble() * 0.4)) * (dropping && month == thisMonth.AddMonths(-1) ? 0.3m : 1m), 2);
                db.UsageRecords.Add(new UsageRecord(subscription.Id, new UsageInput(month, used, Math.Round(fast * (decimal)(0.6 + (random.NextDouble() * 0.35)), 2),
                    Math.Round(97m + ((decimal)random.NextDouble() * 3m), 2), plan.OttAppList.Count > 0 ? plan.OttAppList[random.Next(plan.OttAppList.Count)] : null,
                    random.Next(2) == 0 ? "20:00-23:00" : "18:00-22:00"), UsageSource.Import, today, now, AmbientUser.SystemName));
            }

            if (random.Next(10) < 6)
            {
                var detractor = random.Next(10) < 2;
                await experience.RecordAnswerAsync(subscription.Id, today.AddDays(-random.Next(1, 150)),
                    detractor ? random.Next(0, 7) : random.Next(7, 11), detractor ? random.Next(1, 4) : random.Next(4, 6), null, cancellationToken);
            }

            for (var t = random.Next(10) < 6 ? 0 : random.Next(1, 5); t > 0; t--)
            {
                var ticket = await experience.OpenTicketAsync(subscription.Id, TicketSubjects[random.Next(TicketSubjects.Length)], today.AddDays(-random.Next(0, 200)), cancellationToken);
                if (random.Next(4) > 0)
                {
                    await experience.CloseTicketAsync(ticket.Id, ticket.Version, cancellationToken);
                }
            }

            // A few upgrades this month, prorated on the account.
            if (index % 40 == 0 && plans.FirstOrDefault(p => p.Cycle == plan.Cycle && p.Price > plan.Price && p.Name.Split(' ')[0] == plan.Name.Split(' ')[0]) is { } better)
            {
                var current = (await subscriptions.GetAsync(subscription.Id, cancellationToken)).Subscription;
                if (current.Status == SubscriptionStatus.Active)
                {
                    await subscriptions.ChangePlanAsync(current.Id, current.Version, better.Id, cancellationToken);
                }
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Mostly monthly fiber and broadband, some wireless, a few quarterly and annual.</summary>
    private static int PickPlan(Random random) => random.Next(100) switch
    {
        < 12 => 0,
        < 34 => 1,
        < 44 => 2,
        < 50 => 3,
        < 55 => 4,
        < 70 => 5,
        < 82 => 6,
        < 95 => 7,
        _ => 8,
    };

    private enum Behaviour
    {
        OnTime,
        Late,
        Stops,
        Cancels,
    }

    private sealed record Subscriber(int CustomerId, DateOnly Start, int PlanIndex, Behaviour Behaviour);

    private sealed class SeedingClock : TimeProvider
    {
        public DateTime Now { get; set; }

        public override DateTimeOffset GetUtcNow() => new(Now, TimeSpan.Zero);

        /// <summary>10:00 local time on <paramref name="day"/>.</summary>
        public void At(BusinessTime time, DateOnly day) => Now = time.ToUtc(day, new TimeOnly(10, 0));
    }
}
