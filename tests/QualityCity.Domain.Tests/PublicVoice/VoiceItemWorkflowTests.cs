using QualityCity.Domain.PublicVoice;

namespace QualityCity.Domain.Tests.PublicVoice;

/// <summary>The 12345 closed loop: every transition, who may take it, and the once-only rules.</summary>
public sealed class VoiceItemWorkflowTests
{
    private static readonly VoiceActor Coordinator = new(VoiceActorRole.Coordinator);
    private static readonly VoiceActor Samr = new(VoiceActorRole.Department, "samr");
    private static readonly VoiceActor Urban = new(VoiceActorRole.Department, "urban");
    private static readonly VoiceActor BureauHead = new(VoiceActorRole.Head);
    private static readonly VoiceActor SamrHead = new(VoiceActorRole.Head, "samr");
    private static readonly VoiceActor UrbanHead = new(VoiceActorRole.Head, "urban");
    private static readonly VoiceActor Submitter = new(VoiceActorRole.Submitter);

    private static readonly VoiceFollowUp Call = new(FollowUpMethod.Call, "王敏", "已联系投诉人，商家已退款");

    /// <summary>Applies an action that must be allowed.</summary>
    private static VoiceItemSnapshot Do(VoiceItemSnapshot item, VoiceItemAction action, VoiceActor actor, VoiceActionArgs? args = null)
    {
        var result = VoiceItemWorkflow.Apply(item, action, actor, args);
        Assert.True(result.IsAllowed, $"{action} by {actor} in {item.State} refused: {result.RefusalCode}");
        return result.Snapshot;
    }

    /// <summary>Applies an action that must be refused with the given code, leaving the item unchanged.</summary>
    private static void Refused(string code, VoiceItemSnapshot item, VoiceItemAction action, VoiceActor actor, VoiceActionArgs? args = null)
    {
        var result = VoiceItemWorkflow.Apply(item, action, actor, args);
        Assert.False(result.IsAllowed, $"{action} by {actor} in {item.State} allowed");
        Assert.Equal(code, result.RefusalCode);
        Assert.Same(item, result.Snapshot);
    }

    private static VoiceItemSnapshot Received() => VoiceItemSnapshot.New("LC-1");

    private static VoiceItemSnapshot Accepted() => Do(Received(), VoiceItemAction.Accept, Coordinator);

    private static VoiceItemSnapshot Dispatched() => Do(Accepted(), VoiceItemAction.Dispatch, Coordinator, new() { DepartmentCode = "samr" });

    private static VoiceItemSnapshot Returned() => Do(Dispatched(), VoiceItemAction.Return, Samr, new() { Reason = "属城市管理职责" });

    private static VoiceItemSnapshot InProgress() => Do(Dispatched(), VoiceItemAction.Start, Samr);

    private static VoiceItemSnapshot Answered() => Do(InProgress(), VoiceItemAction.Answer, Samr, new() { PublicAnswer = "经核查，该超市已下架过期牛奶并退款。" });

    private static VoiceItemSnapshot FollowedUp() => Do(Answered(), VoiceItemAction.RecordFollowUp, Coordinator, new() { FollowUp = Call });

    private static VoiceItemSnapshot WithState(VoiceItemState state) => state switch
    {
        VoiceItemState.Received => Received(),
        VoiceItemState.Accepted => Accepted(),
        VoiceItemState.Rejected => Do(Received(), VoiceItemAction.Reject, Coordinator, new() { Reason = "非本部门职责" }),
        VoiceItemState.Dispatched => Dispatched(),
        VoiceItemState.Returned => Returned(),
        VoiceItemState.InProgress => InProgress(),
        VoiceItemState.Answered => Answered(),
        VoiceItemState.FollowedUp => FollowedUp(),
        VoiceItemState.Closed => Do(FollowedUp(), VoiceItemAction.Rate, Submitter, new() { Rating = SatisfactionRating.Satisfied }),
        VoiceItemState.Merged => Do(Received(), VoiceItemAction.Merge, Coordinator, new() { MergeTargetId = "LC-0" }),
        _ => throw new ArgumentOutOfRangeException(nameof(state)),
    };

    // ---- the whole table: state × actor → permitted actions ----------------------------------------

    private static TheoryData<VoiceItemState, string, VoiceItemAction[]> PermittedActions() => new()
    {
        { VoiceItemState.Received, "coordinator", [VoiceItemAction.Accept, VoiceItemAction.Reject, VoiceItemAction.Merge] },
        { VoiceItemState.Accepted, "coordinator", [VoiceItemAction.Dispatch, VoiceItemAction.Merge] },
        { VoiceItemState.Dispatched, "coordinator", [VoiceItemAction.Merge] },
        { VoiceItemState.Dispatched, "samr", [VoiceItemAction.Return, VoiceItemAction.Start] },
        { VoiceItemState.Returned, "coordinator", [VoiceItemAction.Redispatch, VoiceItemAction.Merge] },
        { VoiceItemState.InProgress, "coordinator", [VoiceItemAction.Merge] },
        { VoiceItemState.InProgress, "samr", [VoiceItemAction.RequestExtension, VoiceItemAction.Answer] },
        { VoiceItemState.Answered, "coordinator", [VoiceItemAction.RecordFollowUp] },
        { VoiceItemState.FollowedUp, "coordinator", [VoiceItemAction.CloseUnrated] },
        { VoiceItemState.FollowedUp, "submitter", [VoiceItemAction.Rate] },
    };

    private static readonly Dictionary<string, VoiceActor> Actors = new()
    {
        ["coordinator"] = Coordinator,
        ["samr"] = Samr,
        ["urban"] = Urban,
        ["bureau head"] = BureauHead,
        ["samr head"] = SamrHead,
        ["urban head"] = UrbanHead,
        ["submitter"] = Submitter,
    };

    [Fact]
    public void Every_state_actor_and_action_is_permitted_exactly_as_the_table_says()
    {
        var table = PermittedActions();
        foreach (var state in Enum.GetValues<VoiceItemState>())
        {
            var item = WithState(state);
            Assert.Equal(state, item.State);
            foreach (var (name, actor) in Actors)
            {
                var expected = table.Select(row => ((VoiceItemState)row[0], (string)row[1], (VoiceItemAction[])row[2]))
                    .Where(row => row.Item1 == state && row.Item2 == name)
                    .SelectMany(row => row.Item3)
                    .ToHashSet();
                var available = VoiceItemWorkflow.AvailableActions(item, actor);
                Assert.True(expected.SetEquals(available), $"{state}/{name}: expected [{string.Join(", ", expected)}], got [{string.Join(", ", available)}]");

                // Each permitted action goes through with complete arguments …
                foreach (var action in expected)
                {
                    Assert.True(VoiceItemWorkflow.Apply(item, action, actor, FullArgs()).IsAllowed, $"{action} by {name} in {state} refused");
                }

                // … and every other action is refused, with a code, and changes nothing.
                foreach (var action in Enum.GetValues<VoiceItemAction>().Where(a => !expected.Contains(a)))
                {
                    var result = VoiceItemWorkflow.Apply(item, action, actor, FullArgs());
                    Assert.False(result.IsAllowed, $"{action} by {name} in {state} allowed");
                    Assert.Contains(result.RefusalCode, new[]
                    {
                        VoiceRefusalCodes.InvalidState, VoiceRefusalCodes.RoleNotAllowed, VoiceRefusalCodes.NotAssignedDepartment,
                        VoiceRefusalCodes.NoExtensionRequested,
                    });
                    Assert.Same(item, result.Snapshot);
                }
            }
        }
    }

    /// <summary>Arguments for any action, so that refusals in the table come from state and role alone.</summary>
    private static VoiceActionArgs FullArgs() => new()
    {
        Reason = "理由",
        DepartmentCode = "health",
        PublicAnswer = "答复",
        FollowUp = Call,
        Rating = SatisfactionRating.Satisfied,
        MergeTargetId = "LC-0",
        MergeTargetState = VoiceItemState.InProgress,
    };

    [Fact]
    public void Final_states_take_no_action_from_anyone()
    {
        foreach (var state in new[] { VoiceItemState.Rejected, VoiceItemState.Closed, VoiceItemState.Merged })
        {
            var item = WithState(state);
            Assert.True(item.IsFinal);
            foreach (var actor in Actors.Values)
            {
                Assert.Empty(VoiceItemWorkflow.AvailableActions(item, actor));
                foreach (var action in Enum.GetValues<VoiceItemAction>())
                {
                    Refused(VoiceRefusalCodes.InvalidState, item, action, actor, FullArgs());
                }
            }
        }

        Assert.All(Enum.GetValues<VoiceItemState>().Except([VoiceItemState.Rejected, VoiceItemState.Closed, VoiceItemState.Merged]),
            state => Assert.False(WithState(state).IsFinal));
    }

    // ---- refusals by role and department ----------------------------------------------------------

    [Fact]
    public void Only_coordinators_accept_reject_dispatch_redispatch_merge_follow_up_and_close_unrated()
    {
        Refused(VoiceRefusalCodes.RoleNotAllowed, Received(), VoiceItemAction.Accept, Samr);
        Refused(VoiceRefusalCodes.RoleNotAllowed, Received(), VoiceItemAction.Reject, BureauHead, new() { Reason = "x" });
        Refused(VoiceRefusalCodes.RoleNotAllowed, Accepted(), VoiceItemAction.Dispatch, Submitter, new() { DepartmentCode = "samr" });
        Refused(VoiceRefusalCodes.RoleNotAllowed, Returned(), VoiceItemAction.Redispatch, Urban, new() { DepartmentCode = "urban" });
        Refused(VoiceRefusalCodes.RoleNotAllowed, InProgress(), VoiceItemAction.Merge, Samr, new() { MergeTargetId = "LC-0" });
        Refused(VoiceRefusalCodes.RoleNotAllowed, Answered(), VoiceItemAction.RecordFollowUp, Samr, new() { FollowUp = Call });
        Refused(VoiceRefusalCodes.RoleNotAllowed, FollowedUp(), VoiceItemAction.CloseUnrated, Submitter, new() { Reason = "x" });
    }

    [Fact]
    public void Only_the_department_it_is_dispatched_to_returns_starts_asks_for_an_extension_and_answers()
    {
        Refused(VoiceRefusalCodes.NotAssignedDepartment, Dispatched(), VoiceItemAction.Return, Urban, new() { Reason = "x" });
        Refused(VoiceRefusalCodes.NotAssignedDepartment, Dispatched(), VoiceItemAction.Start, Urban);
        Refused(VoiceRefusalCodes.NotAssignedDepartment, Dispatched(), VoiceItemAction.Start, new VoiceActor(VoiceActorRole.Department));
        Refused(VoiceRefusalCodes.NotAssignedDepartment, InProgress(), VoiceItemAction.RequestExtension, Urban, new() { Reason = "x" });
        Refused(VoiceRefusalCodes.NotAssignedDepartment, InProgress(), VoiceItemAction.Answer, Urban, new() { PublicAnswer = "x" });
        Refused(VoiceRefusalCodes.RoleNotAllowed, Dispatched(), VoiceItemAction.Start, Coordinator);
        Refused(VoiceRefusalCodes.RoleNotAllowed, InProgress(), VoiceItemAction.Answer, SamrHead, new() { PublicAnswer = "x" });
        Refused(VoiceRefusalCodes.RoleNotAllowed, InProgress(), VoiceItemAction.RequestExtension, Coordinator, new() { Reason = "x" });
    }

    [Fact]
    public void Only_the_submitter_rates()
    {
        Refused(VoiceRefusalCodes.RoleNotAllowed, FollowedUp(), VoiceItemAction.Rate, Coordinator, new() { Rating = SatisfactionRating.Satisfied });
        Refused(VoiceRefusalCodes.RoleNotAllowed, FollowedUp(), VoiceItemAction.Rate, Samr, new() { Rating = SatisfactionRating.Satisfied });
    }

    // ---- the main path and its arguments ----------------------------------------------------------

    [Fact]
    public void The_closed_loop_runs_from_receipt_to_a_satisfied_close()
    {
        var item = Received();
        Assert.Equal(VoiceItemState.Received, item.State);
        item = Do(item, VoiceItemAction.Accept, Coordinator);
        Assert.Equal(VoiceItemState.Accepted, item.State);
        item = Do(item, VoiceItemAction.Dispatch, Coordinator, new() { DepartmentCode = " samr " });
        Assert.Equal(VoiceItemState.Dispatched, item.State);
        Assert.Equal("samr", item.AssignedDepartment);
        item = Do(item, VoiceItemAction.Start, Samr);
        Assert.Equal(VoiceItemState.InProgress, item.State);
        item = Do(item, VoiceItemAction.Answer, Samr, new() { PublicAnswer = "  已责令商家整改。 " });
        Assert.Equal(VoiceItemState.Answered, item.State);
        Assert.Equal("已责令商家整改。", item.PublicAnswer);
        item = Do(item, VoiceItemAction.RecordFollowUp, Coordinator, new() { FollowUp = new(FollowUpMethod.Visit, "李强", "现场查看已整改") });
        Assert.Equal(VoiceItemState.FollowedUp, item.State);
        Assert.Equal(new VoiceFollowUp(FollowUpMethod.Visit, "李强", "现场查看已整改"), item.LastFollowUp);
        item = Do(item, VoiceItemAction.Rate, Submitter, new() { Rating = SatisfactionRating.BasicallySatisfied });
        Assert.Equal(VoiceItemState.Closed, item.State);
        Assert.Equal(SatisfactionRating.BasicallySatisfied, item.Rating);
        Assert.Equal(0, item.ReopenCount);
    }

    [Fact]
    public void Rejecting_needs_a_reason()
    {
        Refused(VoiceRefusalCodes.ReasonRequired, Received(), VoiceItemAction.Reject, Coordinator);
        Refused(VoiceRefusalCodes.ReasonRequired, Received(), VoiceItemAction.Reject, Coordinator, new() { Reason = "   " });
        var rejected = Do(Received(), VoiceItemAction.Reject, Coordinator, new() { Reason = "不属于市场监管职责 " });
        Assert.Equal(VoiceItemState.Rejected, rejected.State);
        Assert.Equal("不属于市场监管职责", rejected.LastReason);
    }

    [Fact]
    public void Dispatching_needs_a_department()
    {
        Refused(VoiceRefusalCodes.DepartmentRequired, Accepted(), VoiceItemAction.Dispatch, Coordinator);
        Refused(VoiceRefusalCodes.DepartmentRequired, Accepted(), VoiceItemAction.Dispatch, Coordinator, new() { DepartmentCode = "" });
    }

    [Fact]
    public void A_return_needs_a_reason_and_the_redispatch_goes_to_another_department()
    {
        Refused(VoiceRefusalCodes.ReasonRequired, Dispatched(), VoiceItemAction.Return, Samr);

        var returned = Returned();
        Assert.Equal(VoiceItemState.Returned, returned.State);
        Assert.Null(returned.AssignedDepartment);
        Assert.Equal(["samr"], returned.ReturnedBy);
        Assert.Equal("属城市管理职责", returned.LastReason);

        // The department that returned it can no longer act on it.
        Assert.Empty(VoiceItemWorkflow.AvailableActions(returned, Samr));
        Refused(VoiceRefusalCodes.SameDepartmentAsReturn, returned, VoiceItemAction.Redispatch, Coordinator, new() { DepartmentCode = "samr" });
        Refused(VoiceRefusalCodes.SameDepartmentAsReturn, returned, VoiceItemAction.Redispatch, Coordinator, new() { DepartmentCode = " samr" });
        Refused(VoiceRefusalCodes.DepartmentRequired, returned, VoiceItemAction.Redispatch, Coordinator);

        var redispatched = Do(returned, VoiceItemAction.Redispatch, Coordinator, new() { DepartmentCode = "urban" });
        Assert.Equal(VoiceItemState.Dispatched, redispatched.State);
        Assert.Equal("urban", redispatched.AssignedDepartment);
        Assert.Equal([VoiceItemAction.Return, VoiceItemAction.Start], VoiceItemWorkflow.AvailableActions(redispatched, Urban));
        Assert.Empty(VoiceItemWorkflow.AvailableActions(redispatched, Samr));

        // A second return is possible too; the history keeps both, and only the last returner is excluded.
        var again = Do(redispatched, VoiceItemAction.Return, Urban, new() { Reason = "属环保职责" });
        Assert.Equal(["samr", "urban"], again.ReturnedBy);
        Refused(VoiceRefusalCodes.SameDepartmentAsReturn, again, VoiceItemAction.Redispatch, Coordinator, new() { DepartmentCode = "urban" });
        Assert.Equal("environment", Do(again, VoiceItemAction.Redispatch, Coordinator, new() { DepartmentCode = "environment" }).AssignedDepartment);
    }

    [Fact]
    public void Answering_needs_a_public_answer()
    {
        Refused(VoiceRefusalCodes.AnswerRequired, InProgress(), VoiceItemAction.Answer, Samr);
        Refused(VoiceRefusalCodes.AnswerRequired, InProgress(), VoiceItemAction.Answer, Samr, new() { PublicAnswer = " \n" });
    }

    [Fact]
    public void A_follow_up_needs_method_person_and_result()
    {
        var answered = Answered();
        Refused(VoiceRefusalCodes.FollowUpIncomplete, answered, VoiceItemAction.RecordFollowUp, Coordinator);
        Refused(VoiceRefusalCodes.FollowUpIncomplete, answered, VoiceItemAction.RecordFollowUp, Coordinator, new() { FollowUp = new(FollowUpMethod.Call, "", "已联系") });
        Refused(VoiceRefusalCodes.FollowUpIncomplete, answered, VoiceItemAction.RecordFollowUp, Coordinator, new() { FollowUp = new(FollowUpMethod.Call, "王敏", " ") });
        Refused(VoiceRefusalCodes.FollowUpIncomplete, answered, VoiceItemAction.RecordFollowUp, Coordinator, new() { FollowUp = new((FollowUpMethod)9, "王敏", "已联系") });
    }

    [Fact]
    public void Rating_needs_a_rating()
    {
        Refused(VoiceRefusalCodes.RatingRequired, FollowedUp(), VoiceItemAction.Rate, Submitter);
        Refused(VoiceRefusalCodes.RatingRequired, FollowedUp(), VoiceItemAction.Rate, Submitter, new() { Rating = (SatisfactionRating)7 });
    }

    [Fact]
    public void An_item_whose_submitter_does_not_rate_is_closed_with_a_reason()
    {
        Refused(VoiceRefusalCodes.ReasonRequired, FollowedUp(), VoiceItemAction.CloseUnrated, Coordinator);
        var closed = Do(FollowedUp(), VoiceItemAction.CloseUnrated, Coordinator, new() { Reason = "三次联系未接通" });
        Assert.Equal(VoiceItemState.Closed, closed.State);
        Assert.Null(closed.Rating);
        Assert.Equal("三次联系未接通", closed.LastReason);
    }

    // ---- once-only rules --------------------------------------------------------------------------

    [Fact]
    public void A_first_dissatisfied_rating_sends_the_item_back_once_and_a_second_closes_it()
    {
        var dissatisfied = new VoiceActionArgs { Rating = SatisfactionRating.Dissatisfied };

        var reopened = Do(FollowedUp(), VoiceItemAction.Rate, Submitter, dissatisfied);
        Assert.Equal(VoiceItemState.InProgress, reopened.State);
        Assert.Equal(1, reopened.ReopenCount);
        Assert.Equal("samr", reopened.AssignedDepartment); // the same department handles it again (重办)
        Assert.Equal("经核查，该超市已下架过期牛奶并退款。", reopened.PublicAnswer); // kept until the new answer

        var answeredAgain = Do(reopened, VoiceItemAction.Answer, Samr, new() { PublicAnswer = "再次核查，已对商家立案调查。" });
        Assert.Equal("再次核查，已对商家立案调查。", answeredAgain.PublicAnswer);
        var followedAgain = Do(answeredAgain, VoiceItemAction.RecordFollowUp, Coordinator, new() { FollowUp = Call });

        var closed = Do(followedAgain, VoiceItemAction.Rate, Submitter, dissatisfied);
        Assert.Equal(VoiceItemState.Closed, closed.State);
        Assert.Equal(SatisfactionRating.Dissatisfied, closed.Rating);
        Assert.Equal(1, closed.ReopenCount);
    }

    [Theory]
    [InlineData(SatisfactionRating.Satisfied)]
    [InlineData(SatisfactionRating.BasicallySatisfied)]
    public void A_satisfied_or_basically_satisfied_rating_closes_the_item(SatisfactionRating rating)
    {
        var closed = Do(FollowedUp(), VoiceItemAction.Rate, Submitter, new() { Rating = rating });
        Assert.Equal(VoiceItemState.Closed, closed.State);
        Assert.Equal(rating, closed.Rating);
    }

    [Fact]
    public void An_extension_is_requested_with_a_reason_and_approved_by_a_head_once_only()
    {
        var item = InProgress();
        Refused(VoiceRefusalCodes.ReasonRequired, item, VoiceItemAction.RequestExtension, Samr);
        Refused(VoiceRefusalCodes.NoExtensionRequested, item, VoiceItemAction.ApproveExtension, BureauHead);
        Assert.DoesNotContain(VoiceItemAction.ApproveExtension, VoiceItemWorkflow.AvailableActions(item, BureauHead));

        var requested = Do(item, VoiceItemAction.RequestExtension, Samr, new() { Reason = "需送检，检验周期10个工作日" });
        Assert.Equal(ExtensionStatus.Requested, requested.Extension);
        Assert.Equal("需送检，检验周期10个工作日", requested.ExtensionReason);
        Assert.Equal(VoiceItemState.InProgress, requested.State);
        Refused(VoiceRefusalCodes.ExtensionAlreadyRequested, requested, VoiceItemAction.RequestExtension, Samr, new() { Reason = "again" });

        // Only a head: bureau-wide or of the handling department.
        Refused(VoiceRefusalCodes.RoleNotAllowed, requested, VoiceItemAction.ApproveExtension, Samr);
        Refused(VoiceRefusalCodes.RoleNotAllowed, requested, VoiceItemAction.ApproveExtension, Coordinator);
        Refused(VoiceRefusalCodes.NotAssignedDepartment, requested, VoiceItemAction.ApproveExtension, UrbanHead);
        Assert.Equal([VoiceItemAction.ApproveExtension, VoiceItemAction.DenyExtension], VoiceItemWorkflow.AvailableActions(requested, SamrHead));
        Assert.Equal(ExtensionStatus.Approved, Do(requested, VoiceItemAction.ApproveExtension, SamrHead).Extension);

        var approved = Do(requested, VoiceItemAction.ApproveExtension, BureauHead);
        Assert.Equal(ExtensionStatus.Approved, approved.Extension);
        Refused(VoiceRefusalCodes.ExtensionAlreadyUsed, approved, VoiceItemAction.RequestExtension, Samr, new() { Reason = "still more time" });
        Refused(VoiceRefusalCodes.NoExtensionRequested, approved, VoiceItemAction.ApproveExtension, BureauHead);

        // Still used after a dissatisfied rating sends the item back.
        var answered = Do(approved, VoiceItemAction.Answer, Samr, new() { PublicAnswer = "检验合格" });
        var followed = Do(answered, VoiceItemAction.RecordFollowUp, Coordinator, new() { FollowUp = Call });
        var reopened = Do(followed, VoiceItemAction.Rate, Submitter, new() { Rating = SatisfactionRating.Dissatisfied });
        Refused(VoiceRefusalCodes.ExtensionAlreadyUsed, reopened, VoiceItemAction.RequestExtension, Samr, new() { Reason = "重办需时间" });
    }

    [Fact]
    public void A_denied_extension_needs_a_reason_and_does_not_use_up_the_one_extension()
    {
        var requested = Do(InProgress(), VoiceItemAction.RequestExtension, Samr, new() { Reason = "需送检" });
        Refused(VoiceRefusalCodes.ReasonRequired, requested, VoiceItemAction.DenyExtension, BureauHead);

        var denied = Do(requested, VoiceItemAction.DenyExtension, BureauHead, new() { Reason = "可先行答复" });
        Assert.Equal(ExtensionStatus.None, denied.Extension);
        Assert.Equal("可先行答复", denied.LastReason);
        Refused(VoiceRefusalCodes.NoExtensionRequested, denied, VoiceItemAction.DenyExtension, BureauHead, new() { Reason = "x" });

        var askedAgain = Do(denied, VoiceItemAction.RequestExtension, Samr, new() { Reason = "检验机构确认需10日" });
        Assert.Equal(ExtensionStatus.Approved, Do(askedAgain, VoiceItemAction.ApproveExtension, BureauHead).Extension);
    }

    [Fact]
    public void Answering_while_an_extension_request_waits_settles_it()
    {
        var requested = Do(InProgress(), VoiceItemAction.RequestExtension, Samr, new() { Reason = "需送检" });
        var answered = Do(requested, VoiceItemAction.Answer, Samr, new() { PublicAnswer = "已处理" });
        Assert.Equal(ExtensionStatus.None, answered.Extension);
    }

    // ---- merge (并单) -----------------------------------------------------------------------------

    [Theory]
    [InlineData(VoiceItemState.Received)]
    [InlineData(VoiceItemState.Accepted)]
    [InlineData(VoiceItemState.Dispatched)]
    [InlineData(VoiceItemState.Returned)]
    [InlineData(VoiceItemState.InProgress)]
    public void An_open_item_before_its_answer_can_be_merged_into_the_item_it_duplicates(VoiceItemState state)
    {
        var merged = Do(WithState(state), VoiceItemAction.Merge, Coordinator, new() { MergeTargetId = " LC-0 ", MergeTargetState = VoiceItemState.Answered });

        Assert.Equal(VoiceItemState.Merged, merged.State);
        Assert.Equal("LC-0", merged.MergedInto);
        Assert.True(merged.IsFinal);
    }

    [Fact]
    public void Merging_needs_a_target_other_than_itself_that_is_neither_rejected_nor_merged()
    {
        var item = Received();
        Refused(VoiceRefusalCodes.MergeTargetRequired, item, VoiceItemAction.Merge, Coordinator);
        Refused(VoiceRefusalCodes.MergeIntoSelf, item, VoiceItemAction.Merge, Coordinator, new() { MergeTargetId = "LC-1" });
        Refused(VoiceRefusalCodes.MergeTargetUnavailable, item, VoiceItemAction.Merge, Coordinator, new() { MergeTargetId = "LC-0", MergeTargetState = VoiceItemState.Rejected });
        Refused(VoiceRefusalCodes.MergeTargetUnavailable, item, VoiceItemAction.Merge, Coordinator, new() { MergeTargetId = "LC-0", MergeTargetState = VoiceItemState.Merged });
        Assert.True(VoiceItemWorkflow.Apply(item, VoiceItemAction.Merge, Coordinator, new() { MergeTargetId = "LC-0", MergeTargetState = VoiceItemState.Closed }).IsAllowed);
    }

    [Theory]
    [InlineData(VoiceItemState.Answered)]
    [InlineData(VoiceItemState.FollowedUp)]
    public void An_answered_item_is_not_merged_any_more(VoiceItemState state)
    {
        Refused(VoiceRefusalCodes.InvalidState, WithState(state), VoiceItemAction.Merge, Coordinator, new() { MergeTargetId = "LC-0" });
    }

    [Fact]
    public void An_unknown_action_is_refused_as_not_applicable()
    {
        Refused(VoiceRefusalCodes.InvalidState, Received(), (VoiceItemAction)99, Coordinator);
    }
}
