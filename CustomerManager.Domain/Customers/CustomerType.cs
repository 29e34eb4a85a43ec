namespace CustomerManager.Domain.Customers;

public enum CustomerType
{
    Individual,
    Business,
    Employee,
    User,
    Government,
    Ngo,
}
