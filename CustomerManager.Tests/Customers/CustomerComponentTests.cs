using Bunit;
using CustomerManager.Domain.Customers;
using CustomerManager.Tests.Support;
using CustomerManager.Web.Components.Pages.Customers;
using CustomerManager.Web.Components.Shared;
using Microsoft.AspNetCore.Components;

namespace CustomerManager.Tests.Customers;

public class CustomerComponentTests : MudTestContext
{

    [Fact]
    public void The_search_box_reports_what_was_typed_and_enter_asks_to_open_the_first_match()
    {
        var typed = new List<string?>();
        var entered = 0;
        var box = Render<CustomerSearchBox>(p => p
            .Add(b => b.DebounceMilliseconds, 0)
            .Add(b => b.TextChanged, EventCallback.Factory.Create<string?>(this, t => typed.Add(t)))
            .Add(b => b.OnEnter, EventCallback.Factory.Create(this, () => entered++)));

        var input = box.Find("#customer-search");
        input.Input("082 100 0001");
        box.WaitForAssertion(() => Assert.Equal(["082 100 0001"], typed));

        input.KeyDown(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "Enter" });
        Assert.Equal(1, entered);
        Assert.Equal("082 100 0001", typed.Last());
        Assert.Equal("search", input.GetAttribute("type"));
        // MudBlazor focuses the field once interactive (no autofocus attribute in the markup).
        Assert.True(box.FindComponent<MudBlazor.MudTextField<string>>().Instance.AutoFocus);
    }

    [Fact]
    public void The_duplicate_warning_lists_each_candidate_with_score_and_reasons()
    {
        var candidates = new List<DuplicateCandidate>
        {
            new(7, "UCST-000007", "Thabo Nkosi", 100, ["Same phone +27821000007", "Same e-mail"]),
            new(9, "UCST-000009", "Thabo Nkozi", 83, ["Same surname, similar first name (Thabo)"]),
        };

        var warning = Render<DuplicateWarning>(p => p.Add(w => w.Candidates, candidates));

        var rows = warning.FindAll("tbody tr");
        Assert.Equal(2, rows.Count);
        Assert.Contains("UCST-000007", rows[0].TextContent);
        // The score cell itself: the row also holds "100" inside the phone number.
        Assert.Equal("100", rows[0].QuerySelector("td.cm-duplicate-score")!.TextContent.Trim());
        Assert.Equal("83", rows[1].QuerySelector("td.cm-duplicate-score")!.TextContent.Trim());
        Assert.Contains("Same phone +27821000007; Same e-mail", rows[0].TextContent);
        Assert.Equal("customers/9", rows[1].QuerySelector("a")!.GetAttribute("href"));
        Assert.Empty(warning.FindAll("#not-duplicate"));
    }

    [Fact]
    public void Once_a_save_was_refused_the_clerk_can_continue_with_not_a_duplicate()
    {
        var continued = false;
        var warning = Render<DuplicateWarning>(p => p
            .Add(w => w.Candidates, [new DuplicateCandidate(3, "UCST-000003", "Ann Smith", 90, ["Same first and last name"])])
            .Add(w => w.BlocksSave, true)
            .Add(w => w.OnSaveAnyway, EventCallback.Factory.Create(this, () => continued = true)));

        warning.Find("#not-duplicate").Click();

        Assert.True(continued);
    }

    [Fact]
    public void No_candidates_means_no_warning()
    {
        var warning = Render<DuplicateWarning>(p => p.Add(w => w.Candidates, []));
        Assert.Empty(warning.FindAll("#duplicate-warning"));
    }
}
