using CustomerManager.Domain.Common;
using CustomerManager.Domain.Customers;
using CustomerManager.Domain.Notes;
using CustomerManager.Tests.Customers;
using CustomerManager.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerManager.Tests.Notes;

public class NoteServiceTests(AppFactory factory) : IClassFixture<AppFactory>
{
    private static NoteInput Input(string subject, bool alert = false, bool isPrivate = false, string text = "Details") =>
        new(NoteType.Credit, subject, text, NotePriority.High, isPrivate, alert);

    [Fact]
    public async Task Private_notes_are_read_by_their_author_and_admins_only_and_alerts_come_newest_first()
    {
        var customerId = await NewCustomerAsync();
        using (Actors.As("note-clerk", Roles.Clerk))
        {
            await Service().AddAsync(customerId, Input("First alert", alert: true));
            await Service().AddAsync(customerId, Input("Mine only", isPrivate: true));
            await Service().AddAsync(customerId, Input("Second alert", alert: true));
            Assert.Equal(["Second alert", "Mine only", "First alert"], (await Service().ListAsync(customerId)).Select(n => n.Note.Subject));
            Assert.Equal(["Second alert", "First alert"], (await Service().AlertsAsync(customerId)).Select(n => n.Note.Subject));
        }

        using (Actors.As("other-clerk", Roles.Clerk))
        {
            Assert.Equal(["Second alert", "First alert"], (await Service().ListAsync(customerId)).Select(n => n.Note.Subject));
            Assert.All(await Service().ListAsync(customerId), n => Assert.False(n.MayChange));
        }

        using (Actors.As("note-admin", Roles.Admin))
        {
            Assert.Equal(3, (await Service().ListAsync(customerId)).Count);
        }
    }

    [Fact]
    public async Task Only_the_author_or_an_admin_edits_or_deletes_accountants_do_not_write_and_bad_input_changes_nothing()
    {
        var customerId = await NewCustomerAsync();
        CustomerNote note;
        using (Actors.As("note-author", Roles.CreditManager))
        {
            note = await Service().AddAsync(customerId, Input("Do not extend credit", alert: true));
            var tooLong = await Assert.ThrowsAsync<DomainException>(() => Service().AddAsync(customerId, Input("x", text: new string('a', 10_001))));
            Assert.Equal("Text", tooLong.Field);
            Assert.Equal("Subject", (await Assert.ThrowsAsync<DomainException>(() => Service().AddAsync(customerId, Input(" ")))).Field);
            await Assert.ThrowsAsync<NotFoundException>(() => Service().AddAsync(999_999, Input("Nobody")));
        }

        using (Actors.As("note-accountant", Roles.Accountant))
        {
            await Assert.ThrowsAsync<AccessDeniedException>(() => Service().AddAsync(customerId, Input("Accountant")));
            Assert.Single(await Service().ListAsync(customerId));
        }

        using (Actors.As("someone-else", Roles.Clerk))
        {
            await Assert.ThrowsAsync<AccessDeniedException>(() => Service().EditAsync(note.Id, note.Version, Input("Changed")));
            await Assert.ThrowsAsync<AccessDeniedException>(() => Service().DeleteAsync(note.Id));
        }

        using (Actors.As("note-author", Roles.CreditManager))
        {
            var edited = await Service().EditAsync(note.Id, note.Version, Input("Do not extend credit until March", alert: true));
            Assert.NotNull(edited.EditedAtUtc);
            await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Service().EditAsync(note.Id, note.Version, Input("Stale")));
        }

        using (Actors.As("note-admin", Roles.Admin))
        {
            await Service().DeleteAsync(note.Id);
            Assert.Empty(await Service().ListAsync(customerId));
        }

        await using var db = await factory.Services.GetRequiredService<ICustomerDbFactory>().OpenAsync();
        var audit = await db.AuditEntries.Where(a => a.EntityType == nameof(CustomerNote) && a.EntityKey == note.Id.ToString()).ToListAsync();
        Assert.Equal(3, audit.Count); // created, edited, deleted
    }

    [Fact]
    public async Task A_merge_moves_the_duplicates_notes_to_the_survivor_and_an_undo_moves_them_back()
    {
        var survivor = await NewCustomerAsync();
        var duplicate = await NewCustomerAsync();
        using var actor = Actors.As("note-manager", Roles.CreditManager);
        await Service().AddAsync(duplicate, Input("Complained about delivery", alert: true));
        var merges = factory.Services.CreateScope().ServiceProvider.GetRequiredService<CustomerMergeService>();

        var mergeId = await merges.MergeAsync(survivor, duplicate, []);
        Assert.Equal(["Complained about delivery"], (await Service().AlertsAsync(survivor)).Select(n => n.Note.Subject));
        await merges.UndoAsync(mergeId);
        Assert.Empty(await Service().ListAsync(survivor));
        Assert.Single(await Service().ListAsync(duplicate));
    }

    private async Task<int> NewCustomerAsync()
    {
        using var actor = Actors.As("note-clerk", Roles.Clerk);
        return (await factory.Services.CreateScope().ServiceProvider.GetRequiredService<CustomerService>().CreateAsync(CustomerTestData.Person())).Id;
    }

    private NoteService Service() => factory.Services.CreateScope().ServiceProvider.GetRequiredService<NoteService>();
}
