using Bunit;
using CustomerManager.Tests.Support;
using CustomerManager.Web.Components.Shared;
using Microsoft.AspNetCore.Components;

namespace CustomerManager.Tests.Common;

public class MoneyFieldTests : MudTestContext
{
    [Fact]
    public void An_amount_typed_the_local_way_is_read_exactly_and_shown_formatted()
    {
        decimal? bound = null;
        var field = Render<MoneyField>(p => p
            .Add(f => f.Label, "Amount")
            .Add(f => f.Id, "amount")
            .Add(f => f.ValueChanged, EventCallback.Factory.Create<decimal?>(this, v => bound = v)));

        field.Find("input").Input("1 500,50");

        Assert.Equal(1500.50m, bound);
        field.WaitForAssertion(() => Assert.Contains("R 1\u00A0500,50", field.Find(".mud-input-helper-text").TextContent));
        Assert.Empty(field.FindAll(".mud-input-error"));
    }

    [Theory]
    [InlineData("1e30", "Exponents")]
    [InlineData("R150", "currency")]
    [InlineData("1,500", "two ways")]
    [InlineData("0", "above zero")]
    public void Anything_else_is_refused_beside_the_field_and_binds_nothing(string typed, string message)
    {
        decimal? bound = 99m;
        var field = Render<MoneyField>(p => p
            .Add(f => f.Label, "Amount")
            .Add(f => f.Value, 99m)
            .Add(f => f.ValueChanged, EventCallback.Factory.Create<decimal?>(this, v => bound = v)));

        field.Find("input").Input(typed);

        Assert.Null(bound);
        field.WaitForAssertion(() => Assert.Contains(message, field.Find(".mud-input-helper-text.mud-input-error").TextContent, StringComparison.OrdinalIgnoreCase));
        Assert.False(field.Instance.IsValid);
    }
}
