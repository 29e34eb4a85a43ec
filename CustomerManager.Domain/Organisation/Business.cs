using CustomerManager.Domain.Common;

namespace CustomerManager.Domain.Organisation;

/// <summary>The umbrella company. There is one; its settings drive currency and phone normalisation.</summary>
public class Business : IVersioned
{
    public const int NameMaxLength = 200;

    public int Id { get; set; }

    public string Name { get; private set; } = "";

    /// <summary>ISO 4217 code, e.g. ZAR.</summary>
    public string Currency { get; private set; } = "";

    public string Country { get; private set; } = "";

    /// <summary>Digits only, without "+", e.g. "27" for South Africa.</summary>
    public string DefaultPhoneCountryCode { get; private set; } = "";

    public int Version { get; set; }

    public List<Division> Divisions { get; } = [];

    private Business()
    {
    }

    public Business(string name, string currency, string country, string defaultPhoneCountryCode)
    {
        Update(name, currency, country, defaultPhoneCountryCode);
    }

    public void Update(string name, string currency, string country, string defaultPhoneCountryCode)
    {
        name = (name ?? "").Trim();
        currency = (currency ?? "").Trim().ToUpperInvariant();
        country = (country ?? "").Trim();
        defaultPhoneCountryCode = (defaultPhoneCountryCode ?? "").Trim().TrimStart('+');

        if (name.Length == 0)
        {
            throw new DomainException("The business needs a name.", nameof(Name));
        }

        if (name.Length > NameMaxLength)
        {
            throw new DomainException($"The business name can be at most {NameMaxLength} characters.", nameof(Name));
        }

        if (currency.Length != 3 || !currency.All(char.IsAsciiLetterUpper))
        {
            throw new DomainException("The currency must be a three-letter ISO code such as ZAR or USD.", nameof(Currency));
        }

        if (country.Length is 0 or > 100)
        {
            throw new DomainException("The country must be given, in at most 100 characters.", nameof(Country));
        }

        if (defaultPhoneCountryCode.Length is < 1 or > 3 || !defaultPhoneCountryCode.All(char.IsAsciiDigit)
            || defaultPhoneCountryCode[0] == '0')
        {
            throw new DomainException(
                "The default phone country code must be 1 to 3 digits, not starting with 0 (e.g. 27).",
                nameof(DefaultPhoneCountryCode));
        }

        Name = name;
        Currency = currency;
        Country = country;
        DefaultPhoneCountryCode = defaultPhoneCountryCode;
    }
}
