using Bunit;
using CustomerManager.Domain.Common;
using CustomerManager.Tests.Support;
using CustomerManager.Web.Components.Layout;
using CustomerManager.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerManager.Tests.Security;

/// <summary>What a page that cannot be shown says, and receipt links only for the roles that print receipts.</summary>
public class PageProblemTests : MudTestContext
{
    [Theory]
    [InlineData(Roles.Clerk, true)]
    [InlineData(Roles.CreditManager, true)]
    [InlineData(Roles.Admin, true)]
    [InlineData(Roles.Accountant, false)]
    public void A_receipt_number_links_to_its_pdf_only_for_roles_that_print_receipts(string role, bool linked)
    {
        AddAuthorization().SetAuthorized("someone").SetRoles(role);

        var cut = Render<ReceiptLink>(p => p.Add(x => x.Number, "RCT-CLO-000007"));

        Assert.Equal(linked ? 1 : 0, cut.FindAll("a[href='receipts/RCT-CLO-000007.pdf']").Count);
        // The number is still shown to those who may not print it: it is on the statement they reconcile.
        Assert.Equal("RCT-CLO-000007", (linked ? cut.Find("a") : cut.Find(".cm-receipt-number")).TextContent);
    }

    [Fact]
    public void Refusals_and_missing_records_keep_the_services_words_and_failures_hide_their_internals()
    {
        Assert.Equal((ProblemKinds.NotFound, "That layby does not exist."),
            PageErrorBoundary.Describe(new NotFoundException("That layby does not exist."), out _));
        Assert.Equal((ProblemKinds.NotAllowed, "You are limited to other divisions."),
            PageErrorBoundary.Describe(new AccessDeniedException("You are limited to other divisions."), out _));
        Assert.Equal(ProblemKinds.Invalid, PageErrorBoundary.Describe(new DomainException("Choose a division."), out _).Kind);

        var (kind, message) = PageErrorBoundary.Describe(new InvalidOperationException("Sequence contains no elements at Foo.Bar"), out var reference);
        Assert.Equal(ProblemKinds.Error, kind);
        Assert.DoesNotContain("Sequence contains", message, StringComparison.Ordinal);
        Assert.Contains(reference, message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_failing_page_shows_the_problem_and_the_next_navigation_shows_the_next_page()
    {
        var navigation = Services.GetRequiredService<NavigationManager>();
        var cut = Render<PageErrorBoundary>(p => p.AddChildContent<ThrowsWhenAsked>(c => c.Add(x => x.Throw, false)));
        Assert.Equal("fine", cut.Find("#child").TextContent);

        cut.Render(p => p.AddChildContent<ThrowsWhenAsked>(c => c.Add(x => x.Throw, true)));
        Assert.Equal("not-allowed", cut.Find("#page-problem").GetAttribute("data-kind"));
        Assert.Contains("Not yours.", cut.Find("#page-problem-message").TextContent, StringComparison.Ordinal);

        // The next page (here: the same child, no longer failing) shows once the user navigates.
        cut.Render(p => p.AddChildContent<ThrowsWhenAsked>(c => c.Add(x => x.Throw, false)));
        Assert.Single(cut.FindAll("#page-problem"));
        navigation.NavigateTo("/customers");
        cut.WaitForAssertion(() => Assert.Equal("fine", cut.Find("#child").TextContent));
    }

    private sealed class ThrowsWhenAsked : ComponentBase
    {
        [Parameter]
        public bool Throw { get; set; }

        protected override void OnParametersSet()
        {
            if (Throw)
            {
                throw new AccessDeniedException("Not yours.");
            }
        }

        protected override void BuildRenderTree(Microsoft.AspNetCore.Components.Rendering.RenderTreeBuilder builder)
        {
            builder.OpenElement(0, "span");
            builder.AddAttribute(1, "id", "child");
            builder.AddContent(2, "fine");
            builder.CloseElement();
        }
    }
}
