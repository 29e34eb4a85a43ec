using CustomerManager.Domain.Common;
using CustomerManager.Domain.Customers;
using CustomerManager.Domain.Subscriptions;
using CustomerManager.Tests.Customers;
using CustomerManager.Tests.Statements;
using CustomerManager.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using static CustomerManager.Tests.Subscriptions.SubscriptionBuilders;

namespace CustomerManager.Tests.Subscriptions;

public class CustomerListBySubscriptionTests(StatementAppFactory factory) : IClassFixture<StatementAppFactory>
{
    [Fact]
    public async Task The_customer_list_filters_by_churn_risk_and_plan_type_and_orders_by_risk_or_next_billing()
    {
        factory.Clock.Set("2026-11-10");
        var surname = "Churnlist" + CustomerTestData.Token();
        var grocery = await CustomerTestData.DivisionIdAsync(factory.Services, "GRO");
        Plan fiber, wireless;
        using (Actors.As("admin", Roles.Admin))
        {
            var plans = factory.Services.CreateScope().ServiceProvider.GetRequiredService<PlanService>();
            fiber = await plans.CreateAsync(PlanInput(500m) with { DivisionId = grocery, Name = "List fiber " + CustomerTestData.Token(), ServiceTypeId = 1 });
            wireless = await plans.CreateAsync(PlanInput(300m) with { DivisionId = grocery, Name = "List wireless " + CustomerTestData.Token(), ServiceTypeId = 3 });
        }

        using var clerk = Actors.As("clerk", Roles.Clerk);
        var scope = factory.Services.CreateScope().ServiceProvider;
        var customers = scope.GetRequiredService<CustomerService>();
        var subscriptions = scope.GetRequiredService<SubscriptionService>();
        var experience = scope.GetRequiredService<ExperienceService>();
        var high = await customers.CreateAsync(CustomerTestData.Person("Anna", surname));
        var medium = await customers.CreateAsync(CustomerTestData.Person("Ben", surname));
        var low = await customers.CreateAsync(CustomerTestData.Person("Cara", surname));
        var none = await customers.CreateAsync(CustomerTestData.Person("Dan", surname));
        var a = await subscriptions.SubscribeAsync(new SubscribeInput(high.Id, null, fiber.Id, D("2026-11-25")));
        var b = await subscriptions.SubscribeAsync(new SubscribeInput(medium.Id, null, fiber.Id, D("2026-11-12")));
        await subscriptions.SubscribeAsync(new SubscribeInput(low.Id, null, wireless.Id, D("2026-11-20")));
        await experience.RecordAnswerAsync(a.Id, null, 0, null, null);
        await experience.OpenTicketAsync(a.Id, "No signal", null);
        await experience.RecordAnswerAsync(b.Id, null, 5, null, null);

        async Task<IReadOnlyList<string?>> Names(CustomerQuery query) =>
            (await customers.ListAsync(query with { Text = surname }, 0, 25)).Items.Select(i => i.FullName.Split(' ')[0]).ToList<string?>();

        Assert.Equal(["Anna"], await Names(new CustomerQuery { ChurnRisk = ChurnRisk.High }));
        Assert.Equal(["Ben"], await Names(new CustomerQuery { ChurnRisk = ChurnRisk.Medium }));
        Assert.Equal(["Cara"], await Names(new CustomerQuery { ServiceTypeId = 3 }));
        Assert.Equal(["Anna", "Ben"], await Names(new CustomerQuery { ServiceTypeId = 1 }));
        Assert.Equal(["Anna", "Ben", "Cara", "Dan"], await Names(new CustomerQuery { Sort = CustomerSort.ChurnRisk }));
        Assert.Equal(["Ben", "Cara", "Anna", "Dan"], await Names(new CustomerQuery { Sort = CustomerSort.NextBilling }));

        // The list's churn-risk column: each row's highest risk; none for a customer without a subscription.
        var column = (await customers.ListAsync(new CustomerQuery { Text = surname }, 0, 25)).Items.Select(i => i.ChurnRisk).ToList();
        Assert.Equal([ChurnRisk.High, ChurnRisk.Medium, ChurnRisk.Low, null], column);
        using (Actors.AsLimitedTo([await CustomerTestData.DivisionIdAsync(factory.Services, "CLO")], "clothing-clerk", Roles.Clerk))
        {
            // The subscriptions are in Grocery: a Clothing clerk sees neither their risk nor a match for the filter.
            var limited = factory.Services.CreateScope().ServiceProvider.GetRequiredService<CustomerService>();
            Assert.All((await limited.ListAsync(new CustomerQuery { Text = surname }, 0, 25)).Items, i => Assert.Null(i.ChurnRisk));
            Assert.Empty((await limited.ListAsync(new CustomerQuery { Text = surname, ChurnRisk = ChurnRisk.High }, 0, 25)).Items);
        }

        var url = CustomerQueryString.Format(new CustomerQuery { ChurnRisk = ChurnRisk.High, ServiceTypeId = 1, Sort = CustomerSort.NextBilling });
        Assert.Equal("churn=High&plantype=1&sort=NextBilling", url);
        Assert.Equal((ChurnRisk.High, 1, CustomerSort.NextBilling),
            CustomerQueryString.Parse(url) is var parsed ? (parsed.ChurnRisk!.Value, parsed.ServiceTypeId!.Value, parsed.Sort) : default);
    }
}
