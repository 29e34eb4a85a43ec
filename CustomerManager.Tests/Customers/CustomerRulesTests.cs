using CustomerManager.Domain.Common;
using CustomerManager.Domain.Customers;

namespace CustomerManager.Tests.Customers;

public class CustomerRulesTests
{
    private static readonly DateOnly Today = new(2025, 6, 15);
    private static readonly DateTime NowUtc = new(2025, 6, 15, 10, 30, 0, DateTimeKind.Utc);

    private static CustomerDetails Person => new()
    {
        Type = CustomerType.Individual,
        FirstName = "Thandi",
        LastName = "Nkosi",
        PrimaryPhone = "082 123 4567",
        PrimaryEmail = " Thandi.Nkosi@Example.com ",
        NationalId = "800101 5009 087",
    };

    private static Customer Create(CustomerDetails details) => new(details, "27", "South Africa", Today, NowUtc, "tester");

    private static DomainException Refused(CustomerDetails details) => Assert.Throws<DomainException>(() => Create(details));

    [Fact]
    public void A_new_individual_is_stored_normalised_with_its_name_keys_and_the_business_country()
    {
        var customer = Create(Person with { FirstName = "  Zoë ", LastName = "O'Brien" });
        Assert.Equal("Zoë O'Brien", customer.FullName);
        Assert.Equal("+27821234567", customer.PrimaryPhone);
        Assert.Equal("thandi.nkosi@example.com", customer.PrimaryEmail);
        Assert.Equal("8001015009087", customer.NationalId);
        Assert.Equal(("zoe", "o brien", "zoe o brien", ""), (customer.FirstNameKey, customer.LastNameKey, customer.FullNameKey, customer.CompanyNameKey));
        Assert.Equal("South Africa", customer.Country);
        Assert.True(customer.IsActive);
        Assert.False(customer.IsBlacklisted);
        Assert.Equal(("tester", "tester", NowUtc), (customer.CreatedBy, customer.UpdatedBy, customer.CreatedAtUtc));
        Assert.Equal("", customer.CustomerNumber);
    }

    [Theory]
    [InlineData(CustomerType.Individual)]
    [InlineData(CustomerType.Employee)]
    [InlineData(CustomerType.User)]
    public void A_person_needs_a_first_and_a_last_name(CustomerType type)
    {
        Assert.Equal("FirstName", Refused(Person with { Type = type, FirstName = "  " }).Field);
        Assert.Equal("LastName", Refused(Person with { Type = type, LastName = null }).Field);
        Assert.Equal("FirstName", Refused(Person with { Type = type, FirstName = null, LastName = null, CompanyName = "Acme" }).Field);
    }

    [Theory]
    [InlineData(CustomerType.Business)]
    [InlineData(CustomerType.Government)]
    [InlineData(CustomerType.Ngo)]
    public void An_organisation_needs_a_company_name_and_is_called_by_it(CustomerType type)
    {
        Assert.Equal("CompanyName", Refused(Person with { Type = type }).Field);
        var organisation = Create(new CustomerDetails { Type = type, CompanyName = " Acme Trading (Pty) Ltd ", PrimaryPhone = "011 555 1234" });
        Assert.Equal("Acme Trading (Pty) Ltd", organisation.FullName);
        Assert.Equal("acme trading pty ltd", organisation.CompanyNameKey);
        Assert.Null(organisation.FirstName);
    }

    [Fact]
    public void An_unknown_customer_type_is_refused()
    {
        Assert.Equal("Type", Refused(Person with { Type = (CustomerType)99 }).Field);
    }

    [Fact]
    public void A_date_of_birth_in_the_future_is_refused()
    {
        var refused = Refused(Person with { DateOfBirth = Today.AddDays(1) });
        Assert.Equal("DateOfBirth", refused.Field);
        Assert.Contains("future", refused.Message);
    }

    [Fact]
    public void A_date_of_birth_today_is_accepted_but_more_than_130_years_ago_is_refused()
    {
        Assert.Equal(Today, Create(Person with { DateOfBirth = Today }).DateOfBirth);
        Assert.Equal("DateOfBirth", Refused(Person with { DateOfBirth = Today.AddYears(-130).AddDays(-1) }).Field);
    }

    [Fact]
    public void A_phone_is_required_and_refused_on_its_own_field()
    {
        Assert.Equal("PrimaryPhone", Refused(Person with { PrimaryPhone = null }).Field);
        Assert.Equal("AlternatePhone", Refused(Person with { AlternatePhone = "082 CALL ME" }).Field);
        Assert.Equal("+27731112222", Create(Person with { AlternatePhone = "073 111 2222" }).AlternatePhone);
    }

    [Fact]
    public void A_bad_email_or_national_id_is_refused_on_its_field()
    {
        Assert.Equal("PrimaryEmail", Refused(Person with { PrimaryEmail = "thandi-at-example.com" }).Field);
        Assert.Equal("NationalId", Refused(Person with { NationalId = "12" }).Field);
    }

    [Theory]
    [InlineData("FirstName", 101)]
    [InlineData("LastName", 101)]
    [InlineData("CompanyName", 201)]
    [InlineData("Address", 201)]
    [InlineData("City", 101)]
    [InlineData("State", 101)]
    [InlineData("PostalCode", 21)]
    [InlineData("PassportNumber", 31)]
    [InlineData("TaxNumber", 31)]
    [InlineData("Gender", 31)]
    [InlineData("Source", 101)]
    [InlineData("ReferredBy", 101)]
    [InlineData("Country", 101)]
    public void An_over_long_field_is_refused_naming_the_field(string field, int length)
    {
        var text = new string('x', length);
        var details = field switch
        {
            "FirstName" => Person with { FirstName = text },
            "LastName" => Person with { LastName = text },
            "CompanyName" => Person with { CompanyName = text },
            "Address" => Person with { Address = text },
            "City" => Person with { City = text },
            "State" => Person with { State = text },
            "PostalCode" => Person with { PostalCode = text },
            "PassportNumber" => Person with { PassportNumber = text },
            "TaxNumber" => Person with { TaxNumber = text },
            "Gender" => Person with { Gender = text },
            "Source" => Person with { Source = text },
            "ReferredBy" => Person with { ReferredBy = text },
            "Country" => Person with { Country = text },
            _ => throw new ArgumentOutOfRangeException(nameof(field)),
        };
        var refused = Refused(details);
        Assert.Equal(field, refused.Field);
        Assert.Contains($"at most {length - 1} characters", refused.Message);
    }

    [Fact]
    public void Fields_at_their_maximum_length_are_accepted()
    {
        var customer = Create(Person with { FirstName = new string('a', 100), CompanyName = new string('c', 200), PostalCode = new string('1', 20) });
        Assert.Equal(100, customer.FirstName!.Length);
        Assert.Equal(200, customer.CompanyName!.Length);
    }

    [Fact]
    public void Tags_are_trimmed_lower_cased_and_deduplicated()
    {
        var customer = Create(Person with { Tags = [" VIP ", "vip", "Wholesale", "", "  ", "WHOLESALE", "layby"] });
        Assert.Equal(["layby", "vip", "wholesale"], customer.Tags.Select(t => t.Tag).Order());
    }

    [Fact]
    public void Twenty_tags_are_allowed_but_twenty_one_are_refused()
    {
        var twenty = Enumerable.Range(1, 20).Select(i => $"tag{i}").ToList();
        Assert.Equal(20, Create(Person with { Tags = twenty }).Tags.Count);

        var refused = Refused(Person with { Tags = [.. twenty, "tag21"] });
        Assert.Equal("Tags", refused.Field);
        Assert.Equal(20, Create(Person with { Tags = [.. twenty, "TAG1", " tag2 "] }).Tags.Count);
    }

    [Fact]
    public void A_tag_longer_than_40_characters_is_refused()
    {
        Assert.Equal("Tags", Refused(Person with { Tags = [new string('t', 41)] }).Field);
    }

    [Fact]
    public void Editing_replaces_tags_keeping_the_ones_that_stay()
    {
        var customer = Create(Person with { Tags = ["vip", "layby"] });
        var vip = customer.Tags.Single(t => t.Tag == "vip");
        customer.Apply(Person with { Tags = ["VIP", "staff"] }, "27", "South Africa", Today, NowUtc, "editor");
        Assert.Equal(["staff", "vip"], customer.Tags.Select(t => t.Tag).Order());
        Assert.Same(vip, customer.Tags.Single(t => t.Tag == "vip"));
        Assert.Equal("editor", customer.UpdatedBy);
        Assert.Equal("tester", customer.CreatedBy);
    }

    [Fact]
    public void A_refused_edit_changes_nothing()
    {
        var customer = Create(Person with { Tags = ["vip"] });
        var refused = Assert.Throws<DomainException>(() => customer.Apply(
            Person with { FirstName = "Changed", City = "Durban", Tags = ["new"], PrimaryEmail = "not an e-mail" },
            "27", "South Africa", Today, NowUtc.AddHours(1), "editor"));
        Assert.Equal("PrimaryEmail", refused.Field);
        Assert.Equal("Thandi", customer.FirstName);
        Assert.Null(customer.City);
        Assert.Equal(["vip"], customer.Tags.Select(t => t.Tag));
        Assert.Equal(("tester", NowUtc), (customer.UpdatedBy, customer.UpdatedAtUtc));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Blacklisting_needs_a_reason(string reason)
    {
        var customer = Create(Person);
        Assert.Equal("BlacklistReason", Assert.Throws<DomainException>(() => customer.Blacklist(reason)).Field);
        Assert.False(customer.IsBlacklisted);
    }

    [Fact]
    public void Blacklisting_with_an_over_long_reason_is_refused()
    {
        var customer = Create(Person);
        Assert.Equal("BlacklistReason", Assert.Throws<DomainException>(() => customer.Blacklist(new string('r', 201))).Field);
    }

    [Fact]
    public void A_blacklisted_customer_keeps_the_reason_until_the_blacklist_is_cleared()
    {
        var customer = Create(Person);
        customer.Blacklist("  Bounced three cheques  ");
        Assert.True(customer.IsBlacklisted);
        Assert.Equal("Bounced three cheques", customer.BlacklistReason);

        customer.ClearBlacklist();
        Assert.False(customer.IsBlacklisted);
        Assert.Null(customer.BlacklistReason);
        Assert.Throws<DomainException>(customer.ClearBlacklist);
    }

    [Fact]
    public void A_customer_is_deactivated_once_and_restored_once()
    {
        var customer = Create(Person);
        customer.AssignNumber(7);
        Assert.Contains("already active", Assert.Throws<DomainException>(customer.Restore).Message);

        customer.Deactivate();
        Assert.False(customer.IsActive);
        Assert.Contains("UCST-000007 is already inactive", Assert.Throws<DomainException>(customer.Deactivate).Message);

        customer.Restore();
        Assert.True(customer.IsActive);
    }

    [Fact]
    public void A_merged_customer_cannot_be_restored_only_unmerged()
    {
        var customer = Create(Person);
        customer.MarkMergedInto(42);
        Assert.False(customer.IsActive);
        Assert.Contains("undo the merge", Assert.Throws<DomainException>(customer.Restore).Message);
    }

    [Theory]
    [InlineData(1, "UCST-000001")]
    [InlineData(42, "UCST-000042")]
    [InlineData(999999, "UCST-999999")]
    [InlineData(1234567, "UCST-1234567")]
    public void The_customer_number_has_the_UCST_prefix_and_six_digits_at_least(long value, string expected)
    {
        var customer = Create(Person);
        customer.AssignNumber(value);
        Assert.Equal(expected, customer.CustomerNumber);
    }

    [Fact]
    public void A_customer_number_cannot_be_reassigned()
    {
        var customer = Create(Person);
        customer.AssignNumber(1);
        Assert.Throws<InvalidOperationException>(() => customer.AssignNumber(2));
        Assert.Equal("UCST-000001", customer.CustomerNumber);
    }

    [Fact]
    public void The_preferred_channel_and_language_are_kept_normalised_and_bad_ones_are_refused()
    {
        var customer = Create(Person with { PreferredChannel = Domain.Communications.CommunicationChannel.WhatsApp, PreferredLanguage = " AF " });
        Assert.Equal((Domain.Communications.CommunicationChannel.WhatsApp, "af"), (customer.PreferredChannel, customer.PreferredLanguage));
        Assert.Equal("en-za", Create(Person with { PreferredLanguage = "en-ZA" }).PreferredLanguage);
        Assert.Null(Create(Person with { PreferredLanguage = "  " }).PreferredLanguage);

        Assert.Equal("PreferredChannel", Refused(Person with { PreferredChannel = Domain.Communications.CommunicationChannel.Visit }).Field);
        Assert.Equal("PreferredChannel", Refused(Person with { PreferredChannel = Domain.Communications.CommunicationChannel.Email, PrimaryEmail = null }).Field);
        Assert.Equal("PreferredLanguage", Refused(Person with { PreferredLanguage = "English" }).Field);
        Assert.Equal("PreferredLanguage", Refused(Person with { PreferredLanguage = "e1" }).Field);
    }
}
