using CustomerManager.Domain.Common;
using CustomerManager.Domain.Customers;

namespace CustomerManager.Tests.Customers;

public class ContactNormalisationTests
{
    [Theory]
    [InlineData("082 123 4567")]
    [InlineData("0821234567")]
    [InlineData("+27 (82) 123-4567")]
    [InlineData("+27 82.123.4567")]
    [InlineData("0027821234567")]
    [InlineData("00 27 82 123 4567")]
    [InlineData("821234567")]
    [InlineData("  082/123/4567  ")]
    [InlineData("27821234567")]
    [InlineData("27 82 123 4567")]
    public void Phone_typed_in_any_usual_format_becomes_the_same_E164_number(string typed)
    {
        Assert.Equal("+27821234567", ContactNormalisation.NormalisePhone(typed, "27"));
    }

    [Fact]
    public void Phone_typed_with_spaces_and_a_leading_zero_takes_the_business_country_code()
    {
        Assert.Equal("+27821234567", ContactNormalisation.NormalisePhone("082 123 4567", "27"));
        Assert.Equal("+447700900123", ContactNormalisation.NormalisePhone("07700 900123", "44"));
    }

    [Fact]
    public void Phone_with_an_international_prefix_keeps_its_own_country_code()
    {
        Assert.Equal("+447700900123", ContactNormalisation.NormalisePhone("+44 7700 900123", "27"));
        Assert.Equal("+447700900123", ContactNormalisation.NormalisePhone("0044 7700 900123", "27"));
    }

    [Theory]
    [InlineData("12345")]
    [InlineData("+1234567")]
    [InlineData("+1234567890123456")]
    [InlineData("+0821234567")]
    public void Phone_too_short_too_long_or_without_a_country_code_is_refused_on_the_field(string typed)
    {
        var refused = Assert.Throws<DomainException>(() => ContactNormalisation.NormalisePhone(typed, "27", "AlternatePhone"));
        Assert.Equal("AlternatePhone", refused.Field);
        Assert.Contains("8 to 15 digits", refused.Message);
    }

    [Theory]
    [InlineData("082 ABC 4567")]
    [InlineData("082-123-4567 ext 2")]
    [InlineData("+27#821234567")]
    public void Phone_with_letters_or_symbols_is_refused_naming_the_field(string typed)
    {
        var refused = Assert.Throws<DomainException>(() => ContactNormalisation.NormalisePhone(typed, "27"));
        Assert.Equal("PrimaryPhone", refused.Field);
        Assert.Contains("is not allowed", refused.Message);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void An_empty_phone_is_refused(string? typed)
    {
        Assert.Equal("PrimaryPhone", Assert.Throws<DomainException>(() => ContactNormalisation.NormalisePhone(typed, "27")).Field);
    }

    [Fact]
    public void A_search_box_phone_that_is_not_a_number_gives_null_instead_of_an_error()
    {
        Assert.Null(ContactNormalisation.TryNormalisePhone("Smith", "27"));
        Assert.Null(ContactNormalisation.TryNormalisePhone("123", "27"));
        Assert.Equal("+27821234567", ContactNormalisation.TryNormalisePhone("082 123 4567", "27"));
    }

    [Fact]
    public void Email_is_trimmed_and_lower_cased()
    {
        Assert.Equal("jane.doe@example.co.za", ContactNormalisation.NormaliseEmail("  Jane.Doe@Example.CO.ZA  "));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void An_empty_email_is_no_email(string? typed)
    {
        Assert.Null(ContactNormalisation.NormaliseEmail(typed));
    }

    [Theory]
    [InlineData("jane")]
    [InlineData("jane@example")]
    [InlineData("jane@@example.com")]
    [InlineData("jane doe@example.com")]
    [InlineData("@example.com")]
    [InlineData("jane@example.c")]
    public void An_invalid_email_is_refused_naming_the_field(string typed)
    {
        Assert.Equal("PrimaryEmail", Assert.Throws<DomainException>(() => ContactNormalisation.NormaliseEmail(typed)).Field);
        Assert.Equal("Email", Assert.Throws<DomainException>(() => ContactNormalisation.NormaliseEmail(typed, "Email")).Field);
    }

    [Fact]
    public void An_email_longer_than_254_characters_is_refused()
    {
        var tooLong = new string('a', 250) + "@example.com";
        Assert.Equal("PrimaryEmail", Assert.Throws<DomainException>(() => ContactNormalisation.NormaliseEmail(tooLong)).Field);
    }

    [Theory]
    [InlineData("8001015009087", "8001015009087")]
    [InlineData(" 800101 5009 087 ", "8001015009087")]
    [InlineData("800101-5009-087", "8001015009087")]
    [InlineData("ab12-cd34", "AB12CD34")]
    public void National_id_is_upper_cased_without_spaces_or_dashes(string typed, string expected)
    {
        Assert.Equal(expected, ContactNormalisation.NormaliseNationalId(typed));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" - ")]
    public void An_empty_national_id_is_no_national_id(string? typed)
    {
        Assert.Null(ContactNormalisation.NormaliseNationalId(typed));
    }

    [Theory]
    [InlineData("12 3")]
    [InlineData("123456789012345678901")]
    [InlineData("8001/015009087")]
    public void A_national_id_too_short_too_long_or_with_symbols_is_refused_naming_the_field(string typed)
    {
        Assert.Equal("NationalId", Assert.Throws<DomainException>(() => ContactNormalisation.NormaliseNationalId(typed)).Field);
    }

    [Theory]
    [InlineData("José", "jose")]
    [InlineData("  Zoë  Müller ", "zoe muller")]
    [InlineData("O'Brien-Smith", "o brien smith")]
    [InlineData("Müller & Sons, Ltd.", "muller sons ltd")]
    [InlineData("Acme Trading (Pty) Ltd", "acme trading pty ltd")]
    [InlineData("ÅNGSTRÖM", "angstrom")]
    public void Name_key_removes_accents_lower_cases_and_collapses_punctuation(string name, string expected)
    {
        Assert.Equal(expected, ContactNormalisation.NameKey(name));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Name_key_of_no_name_is_empty(string? name)
    {
        Assert.Equal("", ContactNormalisation.NameKey(name));
    }

    [Fact]
    public void Names_that_differ_only_in_case_accents_and_punctuation_share_a_key()
    {
        Assert.Equal(ContactNormalisation.NameKey("Renée D'Arcy"), ContactNormalisation.NameKey("renee d arcy"));
    }
}
