using System.Globalization;
using CustomerManager.Domain.Accounts;
using CustomerManager.Domain.Common;
using CustomerManager.Domain.Credit;
using CustomerManager.Domain.Customers;
using CustomerManager.Domain.Laybys;
using CustomerManager.Domain.Statements;
using CustomerManager.Tests.Statements;
using CustomerManager.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static CustomerManager.Tests.Customers.CustomerTestData;

namespace CustomerManager.Tests.Privacy;

/// <summary>A customer with a row in every per-customer table, and the personal values they were given.</summary>
internal sealed record RichCustomer(int Id, string Number, int AccountId, IReadOnlyList<string> PersonalValues);

internal static class PrivacyTestData
{
    /// <summary>
    /// A customer with details, a tag, an approved application (employer, references), an account with consents and
    /// preferences, sales, a payment (allocated), a write-off, credit line events, a paid-off layby, a statement, a
    /// dismissed duplicate and a merged duplicate: everything settled, so they may be pseudonymised. August 2026.
    /// </summary>
    public static async Task<RichCustomer> RichCustomerAsync(StatementAppFactory factory)
    {
        factory.Clock.Set("2026-08-05");
        var clothing = await DivisionIdAsync(factory.Services, "CLO");
        var first = "Zanele" + Token();
        var last = "Qwabe" + Token();
        var phone = Phone();
        var details = new CustomerDetails
        {
            Type = CustomerType.Individual,
            FirstName = first,
            LastName = last,
            PrimaryPhone = phone,
            AlternatePhone = Phone(),
            PrimaryEmail = $"{first}.{last}@example.com",
            NationalId = NationalId(),
            PassportNumber = "PQ" + Token().ToUpperInvariant(),
            TaxNumber = "TX" + Token(),
            Address = "17 " + Token() + " Street",
            ReferredBy = "Referrer" + Token(),
            Tags = ["privacy-test"],
            DateOfBirth = new DateOnly(1950 + Random.Shared.Next(50), 1 + Random.Shared.Next(12), 1 + Random.Shared.Next(28)),
        };
        var employer = "Employer" + Token();
        var reference = "Reference" + Token();
        var referenceContact = Phone();
        Customer customer;
        using (Actors.As("privacy-clerk", Roles.Clerk))
        {
            customer = await In<CustomerService>(factory).CreateAsync(details);
        }

        CreditApplication application;
        using (Actors.As("privacy-clerk", Roles.Clerk))
        {
            application = await In<CreditApplicationService>(factory).SubmitAsync(new CreditApplicationInput(
                customer.Id, clothing, 5000m, 30, 20000m, 0m, 2000m, 3000m, employer, "HR at " + employer, reference, referenceContact));
        }

        using (Actors.As("credit", Roles.CreditManager))
        {
            await In<CreditApplicationService>(factory).ApproveAsync(application.Id, application.Version, 5000m, 30, null, $"Spoke to {first}");
        }

        int accountId;
        await using (var db = await Db(factory))
        {
            accountId = await db.DivisionAccounts.Where(a => a.CustomerId == customer.Id).Select(a => a.Id).SingleAsync();
        }

        using (Actors.As("privacy-manager", Roles.CreditManager))
        {
            var accounts = In<DivisionAccountService>(factory);
            var account = await accounts.GetAsync(accountId);
            await accounts.SetCreditTermsAsync(accountId, account.Version,
                new CreditTermsInput(DivisionAccountStatus.Active, 5000m, 30, true, true, LoyaltyTier.Bronze, null));
            account = await accounts.GetAsync(accountId);
            await accounts.SetPreferencesAsync(accountId, account.Version, new AccountPreferencesInput(true, true, false, $"Form signed by {last}",
                new Dictionary<string, string> { ["Contact time"] = "evenings" }, new Dictionary<string, string> { ["Nickname"] = first }));
            var ledger = In<AccountLedgerService>(factory);
            await ledger.RecordSaleAsync(accountId, 300m, "S-1", "Jacket");
            await ledger.RecordPaymentAsync(accountId, 200m, PaymentMethod.Cash, null, Guid.NewGuid());
            await In<WriteOffService>(factory).WriteOffAsync(accountId, 100m, $"{first} {last} emigrated", Guid.NewGuid());
            var layby = await In<LaybyService>(factory).OpenAsync(new OpenLaybyInput(customer.Id, clothing, [new LaybyItemInput("Coat", null, 1, 1000m)],
                200m, PaymentMethod.Cash, LaybyFrequency.Monthly, new DateOnly(2026, 10, 31), Guid.NewGuid()));
            await In<LaybyService>(factory).PayAsync(layby.Id, layby.Balance, PaymentMethod.Card, null, Guid.NewGuid());
            account = await accounts.GetAsync(accountId);
            await In<CreditLineService>(factory).SuspendAsync(accountId, account.Version, $"Asked by {last} on {phone}");

            // A duplicate dismissed and a duplicate merged in.
            await In<CustomerService>(factory).CreateAsync(Person(), [customer.Id]);
            var duplicate = await In<CustomerService>(factory).CreateAsync(Person(first, last) with { PrimaryEmail = null }, [customer.Id]);
            await In<CustomerMergeService>(factory).MergeAsync(customer.Id, duplicate.Id, []);

            // A note and a logged call that name the customer: pseudonymisation removes their texts whole.
            await In<Domain.Notes.NoteService>(factory).AddAsync(customer.Id,
                new Domain.Notes.NoteInput(Domain.Notes.NoteType.Credit, $"Cash only for {last}", $"{first} {last} pays in cash only.", Domain.Notes.NotePriority.Normal, false, true));
            await In<Domain.Communications.CommunicationService>(factory).LogAsync(customer.Id, new Domain.Communications.CommunicationInput(
                Domain.Communications.CommunicationChannel.PhoneCall, Domain.Communications.CommunicationDirection.Outbound,
                Domain.Communications.CommunicationType.Collections, "Reminder", $"Called {phone}: will pay on Friday."));
            // A message queued to the customer's address: the outbox holds the address and the words.
            await In<Domain.Messaging.MessageService>(factory).SendToCustomerAsync(customer.Id, new Domain.Messaging.CustomerMessageRequest(
                Guid.NewGuid(), Domain.Communications.CommunicationChannel.Email, Domain.Communications.CommunicationType.Service,
                $"Your account, {first}", $"Dear {first} {last}, your coat is ready."));

            // A membership (its history row), an account manager, and an institution billed as a company customer
            // whose own account manager shows in that company's export.
            var employee = await NewEmployeeAsync(factory, clothing);
            var institution = await In<Domain.Institutions.InstitutionService>(factory).CreateAsync(new Domain.Institutions.InstitutionInput
            {
                Name = "Privacy College " + Token(),
                Code = "PC" + Token()[..6].ToUpperInvariant(),
                Type = Domain.Institutions.InstitutionType.College,
            });
            await In<Domain.Institutions.InstitutionService>(factory).AddMembersAsync(institution.Id, [customer.Id], Domain.Institutions.Designation.Student);
            await In<Domain.Assignments.AssignmentService>(factory).AssignCustomersAsync([customer.Id],
                [new Domain.Assignments.AssignmentInput(employee, Domain.Assignments.AssignmentRole.AccountManager, null, $"{first} prefers mornings")]);
            // A follow-up task that names the customer: its notes go whole, its title loses the name.
            await In<Domain.Tasks.FollowUpService>(factory).CreateAsync(customer.Id, new Domain.Tasks.TaskInput(
                $"Call {first} back", $"{first} asked for a call on {phone}.", new DateOnly(2026, 8, 7), "credit", DivisionAccountId: accountId));
            // A purchase with a line (points earned) and a return of it (points taken back).
            var purchase = await In<Domain.Purchases.PurchaseService>(factory).RecordAsync(new Domain.Purchases.PurchaseInput(customer.Id, clothing,
                [new Domain.Purchases.PurchaseLineInput("Scarf", "SC-1", 2, 60m)], null, [new Domain.Purchases.TenderInput(Domain.Purchases.Tender.Cash)]));
            await In<Domain.Purchases.PurchaseService>(factory).ReturnAsync(purchase.Purchase.Id, new Domain.Purchases.ReturnRequest(
                false, [new Domain.Purchases.ReturnLineInput(purchase.Purchase.Lines[0].Id, 1)], null, Domain.Purchases.Tender.Cash, "Colour"));
        }

        // A subscription with a month's usage, a survey answer and a ticket whose texts name the customer.
        Domain.Subscriptions.Plan plan;
        using (Actors.As("privacy-admin", Roles.Admin))
        {
            plan = await In<Domain.Subscriptions.PlanService>(factory).CreateAsync(new Domain.Subscriptions.PlanInput
            {
                Name = "Privacy plan " + Token(),
                ServiceTypeId = 1,
                DivisionId = clothing,
                Price = 99m,
                Cycle = Domain.Subscriptions.BillingCycle.Monthly,
            });
        }

        using (Actors.As("privacy-clerk", Roles.Clerk))
        {
            var today = DateOnly.FromDateTime(factory.Clock.Now.UtcDateTime);
            var subscription = await In<Domain.Subscriptions.SubscriptionService>(factory).SubscribeAsync(
                new Domain.Subscriptions.SubscribeInput(customer.Id, null, plan.Id, today));
            var experience = In<Domain.Subscriptions.ExperienceService>(factory);
            await experience.AddUsageAsync(subscription.Id, new Domain.Subscriptions.UsageInput(today, 12.5m, 40m, 99.5m));
            await experience.RecordAnswerAsync(subscription.Id, today, 8, 4, $"{first} says the line is fine");
            await experience.OpenTicketAsync(subscription.Id, $"{first} {last} cannot log in", today);
        }

        // An engagement and a manual lifecycle status whose texts name the customer, and a night's health score.
        using (Actors.As("privacy-manager", Roles.CreditManager))
        {
            var today = DateOnly.FromDateTime(factory.Clock.Now.UtcDateTime);
            var success = In<Domain.Success.CustomerSuccessService>(factory);
            await success.LogEngagementAsync(customer.Id, new Domain.Success.EngagementInput(Domain.Success.EngagementType.Review, $"Review with {first}", today, true, 30,
                $"{first} {last}", Domain.Success.EngagementOutcome.Neutral, $"{first} wants a better rate"));
            await success.OverrideLifecycleAsync(customer.Id, Domain.Success.Lifecycle.Active, $"{first} renewed by phone");
        }

        using (AmbientUser.Use(AmbientUser.System))
        {
            await In<Domain.Success.HealthScoringService>(factory).RunNightlyAsync(DateOnly.FromDateTime(factory.Clock.Now.UtcDateTime));
        }

        factory.Clock.Set("2026-09-02");
        using (Actors.As("privacy-accountant", Roles.Accountant))
        {
            await In<StatementService>(factory).GenerateAsync(accountId, 2026, 8);
        }

        string[] values =
        [
            first, last, details.PrimaryEmail, E164(phone), E164(details.AlternatePhone!), details.NationalId!, details.PassportNumber!,
            details.TaxNumber!, details.Address!, details.ReferredBy!, employer, reference, referenceContact, details.DateOfBirth.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            details.DateOfBirth.Value.ToString(CultureInfo.InvariantCulture),
        ];
        return new RichCustomer(customer.Id, customer.CustomerNumber, accountId, values);
    }

    /// <summary>A company customer that an institution is billed as, with the institution's account manager.</summary>
    public static async Task<int> BilledCompanyAsync(AppFactory factory)
    {
        using var actor = Actors.As("privacy-manager", Roles.CreditManager);
        var company = await In<CustomerService>(factory).CreateAsync(Company());
        var institution = await In<Domain.Institutions.InstitutionService>(factory).CreateAsync(new Domain.Institutions.InstitutionInput
        {
            Name = "Billed Institute " + Token(),
            Code = "BI" + Token()[..6].ToUpperInvariant(),
            Type = Domain.Institutions.InstitutionType.ResearchInstitute,
            BillingCustomerId = company.Id,
        });
        await In<Domain.Assignments.AssignmentService>(factory).AssignInstitutionAsync(institution.Id,
            [new Domain.Assignments.AssignmentInput(await NewEmployeeAsync(factory, await DivisionIdAsync(factory.Services, "CLO")), Domain.Assignments.AssignmentRole.RelationshipManager)]);
        return company.Id;
    }

    /// <summary>A sign-in named <paramref name="userName"/> (id "id-" + name, as <see cref="Actors"/> signs it in) linked to the employee.</summary>
    public static async Task LinkUserAsync(AppFactory factory, string userName, int employeeId)
    {
        await using var db = await Db(factory);
        var user = new Domain.Users.ApplicationUser { Id = "id-" + userName, UserName = userName, NormalizedUserName = userName.ToUpperInvariant() };
        db.Users.Add(user);
        var e = await db.Employees.SingleAsync(x => x.Id == employeeId);
        e.Update(e.FirstName, e.LastName, e.DivisionId, e.JobTitle, user.Id, isActive: true);
        await db.SaveChangesAsync();
    }

    public static async Task<int> NewEmployeeAsync(AppFactory factory, int divisionId)
    {
        await using var db = await Db(factory);
        var employee = new Domain.Organisation.Employee("Emp" + Token(), "Loyee" + Token(), divisionId, "Account manager");
        db.Employees.Add(employee);
        await db.SaveChangesAsync();
        return employee.Id;
    }

    public static async Task<ICustomerDb> Db(AppFactory factory) =>
        await factory.Services.GetRequiredService<ICustomerDbFactory>().OpenAsync();

    public static T In<T>(AppFactory factory)
        where T : notnull => factory.Services.CreateScope().ServiceProvider.GetRequiredService<T>();
}
