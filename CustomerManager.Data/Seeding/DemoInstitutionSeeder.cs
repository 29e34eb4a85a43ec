using CustomerManager.Domain.Assignments;
using CustomerManager.Domain.Common;
using CustomerManager.Domain.Institutions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CustomerManager.Data.Seeding;

/// <summary>
/// A few demo institutions with members and assigned employees, through the same services people use, so the
/// institution pages, the workload and the demo clerk's "My customers" are not empty. Runs once (no institutions yet).
/// Members come from the last quarter of the demo customers, out of the way of tests that pick from the start or middle.
/// </summary>
public sealed class DemoInstitutionSeeder(IServiceScopeFactory scopeFactory, ILogger<DemoInstitutionSeeder> logger)
{
    private static readonly (string Name, string Code, InstitutionType Type, string Category, string City)[] Seeds =
    [
        ("University of the Western Highlands", "UWH", InstitutionType.University, "Public university", "Cape Town"),
        ("St Mary's High School", "SMHS", InstitutionType.School, "Independent school", "Durban"),
        ("Lakeside General Hospital", "LGH", InstitutionType.Hospital, "Provincial hospital", "Johannesburg"),
    ];

    private static readonly Designation[][] Designations =
    [
        [Designation.Student, Designation.Student, Designation.Student, Designation.Lecturer, Designation.Professor, Designation.Staff],
        [Designation.Teacher, Designation.Teacher, Designation.Principal, Designation.Staff],
        [Designation.Nurse, Designation.Nurse, Designation.Doctor, Designation.Administrator],
    ];

    public async Task SeedAsync(CancellationToken cancellationToken = default)
    {
        using var system = AmbientUser.Use(AmbientUser.System);
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CustomerDbContext>();
        if (await db.Institutions.AnyAsync(cancellationToken))
        {
            return;
        }

        var people = await db.Customers.Where(c => c.IsActive && c.MergedIntoId == null && c.FirstName != null)
            .OrderBy(c => c.Id).Select(c => c.Id).ToListAsync(cancellationToken);
        var employees = await db.Employees.Where(e => e.IsActive).OrderBy(e => e.Id).Select(e => new { e.Id, e.UserId }).ToListAsync(cancellationToken);
        if (people.Count < 40 || employees.Count < 4)
        {
            return;
        }

        var institutions = scope.ServiceProvider.GetRequiredService<InstitutionService>();
        var assignments = scope.ServiceProvider.GetRequiredService<AssignmentService>();
        var next = people.Count * 3 / 4;
        for (var i = 0; i < Seeds.Length; i++)
        {
            var (name, code, type, category, city) = Seeds[i];
            var institution = await institutions.CreateAsync(new InstitutionInput
            {
                Name = name,
                Code = code,
                Type = type,
                Category = category,
                City = city,
                Country = "South Africa",
                ContactName = "Accounts office",
                Email = $"accounts@{code.ToLowerInvariant()}.example",
            }, cancellationToken);
            var members = new List<int>();
            foreach (var group in Designations[i].GroupBy(d => d))
            {
                var ids = people.Skip(next).Take(group.Count()).ToList();
                next += ids.Count;
                members.AddRange(ids);
                await institutions.AddMembersAsync(institution.Id, ids, group.Key, cancellationToken: cancellationToken);
            }

            await assignments.AssignInstitutionAsync(institution.Id,
                [new AssignmentInput(employees[i].Id, AssignmentRole.AccountManager), new AssignmentInput(employees[(i + 1) % 3].Id, AssignmentRole.CollectionsOfficer)],
                cancellationToken);
            await assignments.AssignCustomersAsync(members, [new AssignmentInput(employees[i].Id, AssignmentRole.AccountManager)], cancellationToken);
        }

        // The demo clerk's own employee record looks after a few customers: their "My customers".
        if (employees.FirstOrDefault(e => e.UserId != null) is { } clerk)
        {
            await assignments.AssignCustomersAsync(people.Skip(next).Take(5).ToList(), [new AssignmentInput(clerk.Id, AssignmentRole.Support)], cancellationToken);
        }

        logger.LogInformation("Demo institutions seeded: {Count}", Seeds.Length);
    }
}
