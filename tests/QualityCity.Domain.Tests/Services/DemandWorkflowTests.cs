using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using QualityCity.Domain.Services.OneWindow;

namespace QualityCity.Domain.Tests.Services;

/// <summary>SVC-1: the one window's loop, 一次性告知 and the follow-up of a bad rating, with every refusal.</summary>
public sealed class DemandWorkflowTests
{
    private const DemandActor Staff = DemandActor.Staff;
    private const DemandActor Enterprise = DemandActor.Enterprise;

    private static readonly string[] Missing = ["营业执照副本", "计量器具型号规格说明", "上次检定证书"];

    private static DateTimeOffset T(string local) =>
        new(DateTime.ParseExact(local, "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), TimeSpan.FromHours(8));

    /// <summary>Applies an action that must be allowed.</summary>
    private static DemandSnapshot Do(DemandSnapshot demand, DemandAction action, DemandActor actor, string at, DemandActionArgs? args = null)
    {
        var result = DemandWorkflow.Apply(demand, action, actor, T(at), args);
        Assert.True(result.IsAllowed, $"{action} by {actor} in {demand.State} refused: {result.Refusal}");
        return result.Snapshot;
    }

    /// <summary>Applies an action that must be refused with the given code and a message, leaving the demand unchanged.</summary>
    private static DemandRefusal Refused(string code, DemandSnapshot demand, DemandAction action, DemandActor actor, string at, DemandActionArgs? args = null)
    {
        var result = DemandWorkflow.Apply(demand, action, actor, T(at), args);
        Assert.False(result.IsAllowed, $"{action} by {actor} in {demand.State} allowed");
        Assert.Equal(code, result.RefusalCode);
        Assert.False(string.IsNullOrWhiteSpace(result.Refusal!.Message));
        Assert.Same(demand, result.Snapshot);
        return result.Refusal;
    }

    private static DemandSnapshot Filed() => DemandSnapshot.File(DemandKind.Calibration, T("2026-03-02 10:00"));

    private static DemandSnapshot InProgress() => Do(Filed(), DemandAction.Accept, Staff, "2026-03-02 11:00");

    private static DemandSnapshot AwaitingMaterials() => Do(InProgress(), DemandAction.RequestMaterials, Staff, "2026-03-04 10:00", new() { Items = Missing });

    private static DemandSnapshot Answered() => Do(InProgress(), DemandAction.Answer, Staff, "2026-03-05 15:00", new() { Answer = "已安排3月10日上门检定，请备好器具。" });

    private static DemandSnapshot RatedBadly() => Do(Answered(), DemandAction.Rate, Enterprise, "2026-03-06 09:00", new() { Rating = ServiceRating.VeryDissatisfied });

    private static DemandSnapshot Contacted() => Do(RatedBadly(), DemandAction.RecordContact, Staff, "2026-03-06 14:00", new() { Note = "电话联系张经理：嫌上门时间太晚" });

    private static DemandSnapshot WithState(DemandState state) => state switch
    {
        DemandState.Filed => Filed(),
        DemandState.InProgress => InProgress(),
        DemandState.AwaitingMaterials => AwaitingMaterials(),
        DemandState.Answered => Answered(),
        DemandState.AwaitingContact => RatedBadly(),
        DemandState.Rectifying => Contacted(),
        DemandState.Closed => Do(Answered(), DemandAction.Rate, Enterprise, "2026-03-06 09:00", new() { Rating = ServiceRating.Satisfied }),
        DemandState.Rejected => Do(Filed(), DemandAction.Reject, Staff, "2026-03-02 11:00", new() { Reason = "属知识产权局职责，已告知企业" }),
        _ => throw new ArgumentOutOfRangeException(nameof(state)),
    };

    // ---- the loop ---------------------------------------------------------------------------------

    [Fact]
    public void A_demand_is_accepted_answered_and_closed_by_a_good_rating()
    {
        var filed = Filed();
        Assert.Equal(DemandState.Filed, filed.State);
        Assert.Equal(DemandComplexity.Ordinary, filed.Complexity);

        var answered = Answered();
        Assert.Equal(DemandState.Answered, answered.State);
        Assert.Equal("已安排3月10日上门检定，请备好器具。", answered.Answer);
        Assert.Equal(T("2026-03-05 15:00"), answered.AnsweredAt);

        var closed = Do(answered, DemandAction.Rate, Enterprise, "2026-03-06 09:00", new() { Rating = ServiceRating.VerySatisfied });
        Assert.Equal(DemandState.Closed, closed.State);
        Assert.True(closed.IsFinal);
        Assert.Equal(ServiceRating.VerySatisfied, closed.Rating);
        Assert.Equal(T("2026-03-06 09:00"), closed.RatedAt);
        Assert.Equal(T("2026-03-06 09:00"), closed.ClosedAt);
    }

    [Fact]
    public void Staff_decide_on_acceptance_whether_the_demand_is_complex()
    {
        var complex = Do(Filed(), DemandAction.Accept, Staff, "2026-03-02 11:00", new() { Complexity = DemandComplexity.Complex });

        Assert.Equal(DemandComplexity.Complex, complex.Complexity);
        Refused(DemandRefusalCodes.ComplexityInvalid, Filed(), DemandAction.Accept, Staff, "2026-03-02 11:00", new() { Complexity = (DemandComplexity)7 });
    }

    [Fact]
    public void A_bad_rating_is_contacted_then_put_right_then_closed_with_both_notes_kept()
    {
        var rated = RatedBadly();
        Assert.Equal(DemandState.AwaitingContact, rated.State);
        Assert.False(rated.IsFinal);

        var contacted = Contacted();
        Assert.Equal(DemandState.Rectifying, contacted.State);
        Assert.Equal("电话联系张经理：嫌上门时间太晚", contacted.ContactNote);
        Assert.Equal(T("2026-03-06 14:00"), contacted.ContactedAt);

        var closed = Do(contacted, DemandAction.RecordFix, Staff, "2026-03-09 10:00", new() { Note = "改派检定员3月9日上门，已完成检定" });
        Assert.Equal(DemandState.Closed, closed.State);
        Assert.Equal("改派检定员3月9日上门，已完成检定", closed.FixNote);
        Assert.Equal(T("2026-03-09 10:00"), closed.FixedAt);
        Assert.Equal(T("2026-03-09 10:00"), closed.ClosedAt);
        Assert.Equal(ServiceRating.VeryDissatisfied, closed.Rating);
    }

    [Fact]
    public void The_follow_up_needs_its_notes_and_the_fix_comes_after_the_contact()
    {
        Refused(DemandRefusalCodes.NoteRequired, RatedBadly(), DemandAction.RecordContact, Staff, "2026-03-06 14:00", new() { Note = " " });
        Refused(DemandRefusalCodes.NoteRequired, Contacted(), DemandAction.RecordFix, Staff, "2026-03-09 10:00");
        var refusal = Refused(DemandRefusalCodes.InvalidState, RatedBadly(), DemandAction.RecordFix, Staff, "2026-03-06 14:00", new() { Note = "已整改" });
        Assert.Equal("需求当前为“差评待联系”，不能登记整改情况。", refusal.Message);
    }

    [Fact]
    public void A_filed_demand_can_be_rejected_and_an_answered_one_closed_unrated_each_with_a_reason()
    {
        var rejected = WithState(DemandState.Rejected);
        Assert.Equal(DemandState.Rejected, rejected.State);
        Assert.Equal("属知识产权局职责，已告知企业", rejected.LastReason);
        Assert.True(rejected.IsFinal);

        var closed = Do(Answered(), DemandAction.CloseUnrated, Staff, "2026-03-20 10:00", new() { Reason = "企业十日内未评价" });
        Assert.Equal(DemandState.Closed, closed.State);
        Assert.Null(closed.Rating);

        Refused(DemandRefusalCodes.ReasonRequired, Filed(), DemandAction.Reject, Staff, "2026-03-02 11:00");
        Refused(DemandRefusalCodes.ReasonRequired, Answered(), DemandAction.CloseUnrated, Staff, "2026-03-20 10:00", new() { Reason = "  " });
    }

    // ---- 一次性告知 -------------------------------------------------------------------------------

    [Fact]
    public void The_first_request_lists_everything_missing_needs_no_reason_and_pauses_the_demand()
    {
        var awaiting = Do(InProgress(), DemandAction.RequestMaterials, Staff, "2026-03-04 10:00", new() { Items = [" 营业执照副本 ", "上次检定证书"] });

        Assert.Equal(DemandState.AwaitingMaterials, awaiting.State);
        var request = Assert.Single(awaiting.MaterialRequests);
        Assert.Equal(["营业执照副本", "上次检定证书"], request.Items);
        Assert.Null(request.Reason);
        Assert.Equal(T("2026-03-04 10:00"), request.RequestedAt);
        Assert.Same(request, awaiting.OpenMaterialRequest);
    }

    [Theory]
    [InlineData(DemandActor.Enterprise)]
    [InlineData(DemandActor.Staff)] // papers handed in at the window
    public void Supplying_the_materials_resumes_the_handling(DemandActor actor)
    {
        var resumed = Do(AwaitingMaterials(), DemandAction.SupplyMaterials, actor, "2026-03-14 10:00");

        Assert.Equal(DemandState.InProgress, resumed.State);
        Assert.Equal(T("2026-03-14 10:00"), Assert.Single(resumed.MaterialRequests).SuppliedAt);
        Assert.Null(resumed.OpenMaterialRequest);
    }

    [Fact]
    public void A_second_request_for_materials_needs_a_reason()
    {
        var resumed = Do(AwaitingMaterials(), DemandAction.SupplyMaterials, Enterprise, "2026-03-14 10:00");

        var refusal = Refused(DemandRefusalCodes.SecondRequestReasonRequired, resumed, DemandAction.RequestMaterials, Staff, "2026-03-16 10:00", new() { Items = ["检定证书原件"] });
        Assert.Contains("须说明理由", refusal.Message, StringComparison.Ordinal);
        Refused(DemandRefusalCodes.SecondRequestReasonRequired, resumed, DemandAction.RequestMaterials, Staff, "2026-03-16 10:00", new() { Items = ["检定证书原件"], Reason = " \t" });

        var again = Do(resumed, DemandAction.RequestMaterials, Staff, "2026-03-16 10:00", new() { Items = ["检定证书原件"], Reason = " 所交复印件模糊无法核对 " });
        Assert.Equal(DemandState.AwaitingMaterials, again.State);
        Assert.Equal(2, again.MaterialRequests.Count);
        Assert.Equal("所交复印件模糊无法核对", again.MaterialRequests[1].Reason);
        Assert.Equal(T("2026-03-14 10:00"), again.MaterialRequests[0].SuppliedAt);
    }

    [Fact]
    public void A_request_must_list_at_least_one_material_and_no_blank_item()
    {
        Refused(DemandRefusalCodes.MaterialsRequired, InProgress(), DemandAction.RequestMaterials, Staff, "2026-03-04 10:00");
        Refused(DemandRefusalCodes.MaterialsRequired, InProgress(), DemandAction.RequestMaterials, Staff, "2026-03-04 10:00", new() { Items = [] });
        Refused(DemandRefusalCodes.MaterialItemBlank, InProgress(), DemandAction.RequestMaterials, Staff, "2026-03-04 10:00", new() { Items = ["营业执照副本", "  "] });
    }

    // ---- invalid transitions ----------------------------------------------------------------------

    [Theory]
    [InlineData(DemandState.Filed)]
    [InlineData(DemandState.InProgress)]
    [InlineData(DemandState.AwaitingMaterials)]
    public void Rating_before_the_answer_is_refused(DemandState state)
    {
        var refusal = Refused(DemandRefusalCodes.InvalidState, WithState(state), DemandAction.Rate, Enterprise, "2026-03-20 10:00", new() { Rating = ServiceRating.Satisfied });
        Assert.Equal($"需求当前为“{DemandWorkflow.StateNameZh(state)}”，不能评价。", refusal.Message);
    }

    [Theory]
    [InlineData(DemandState.Closed)]
    [InlineData(DemandState.AwaitingContact)]
    [InlineData(DemandState.Rectifying)]
    public void Rating_twice_is_refused(DemandState state)
    {
        Refused(DemandRefusalCodes.InvalidState, WithState(state), DemandAction.Rate, Enterprise, "2026-03-20 10:00", new() { Rating = ServiceRating.VerySatisfied });
    }

    [Fact]
    public void Answering_while_the_materials_are_awaited_is_refused()
    {
        var refusal = Refused(DemandRefusalCodes.InvalidState, AwaitingMaterials(), DemandAction.Answer, Staff, "2026-03-05 10:00", new() { Answer = "已办理" });
        Assert.Equal("需求当前为“待补正材料”，不能答复。", refusal.Message);
    }

    [Theory]
    [InlineData(DemandState.Closed)]
    [InlineData(DemandState.Rejected)]
    public void Nothing_can_be_done_to_a_final_demand(DemandState state)
    {
        var demand = WithState(state);
        Assert.Empty(DemandWorkflow.AvailableActions(demand, Staff));
        Assert.Empty(DemandWorkflow.AvailableActions(demand, Enterprise));
        foreach (var action in Enum.GetValues<DemandAction>())
        {
            Refused(DemandRefusalCodes.InvalidState, demand, action, Staff, "2026-04-01 10:00");
        }
    }

    [Fact]
    public void Each_side_takes_only_its_own_actions()
    {
        var refusal = Refused(DemandRefusalCodes.RoleNotAllowed, InProgress(), DemandAction.Answer, Enterprise, "2026-03-05 10:00", new() { Answer = "自行答复" });
        Assert.Equal("企业不能答复。", refusal.Message);
        Assert.Equal("窗口工作人员不能评价。", Refused(DemandRefusalCodes.RoleNotAllowed, Answered(), DemandAction.Rate, Staff, "2026-03-06 10:00", new() { Rating = ServiceRating.Satisfied }).Message);
        Refused(DemandRefusalCodes.RoleNotAllowed, Filed(), DemandAction.Accept, Enterprise, "2026-03-02 11:00");
    }

    [Fact]
    public void The_buttons_to_show_follow_the_state_and_the_side()
    {
        Assert.Equal([DemandAction.Accept, DemandAction.Reject], DemandWorkflow.AvailableActions(Filed(), Staff));
        Assert.Equal([DemandAction.RequestMaterials, DemandAction.Answer], DemandWorkflow.AvailableActions(InProgress(), Staff));
        Assert.Empty(DemandWorkflow.AvailableActions(InProgress(), Enterprise));
        Assert.Equal([DemandAction.SupplyMaterials], DemandWorkflow.AvailableActions(AwaitingMaterials(), Enterprise));
        Assert.Equal([DemandAction.Rate], DemandWorkflow.AvailableActions(Answered(), Enterprise));
        Assert.Equal([DemandAction.CloseUnrated], DemandWorkflow.AvailableActions(Answered(), Staff));
        Assert.Equal([DemandAction.RecordContact], DemandWorkflow.AvailableActions(RatedBadly(), Staff));
        Assert.Equal([DemandAction.RecordFix], DemandWorkflow.AvailableActions(Contacted(), Staff));
    }

    [Fact]
    public void Missing_rating_and_answer_are_refused()
    {
        Refused(DemandRefusalCodes.RatingRequired, Answered(), DemandAction.Rate, Enterprise, "2026-03-06 10:00");
        Refused(DemandRefusalCodes.RatingRequired, Answered(), DemandAction.Rate, Enterprise, "2026-03-06 10:00", new() { Rating = (ServiceRating)9 });
        Refused(DemandRefusalCodes.AnswerRequired, InProgress(), DemandAction.Answer, Staff, "2026-03-05 10:00", new() { Answer = "" });
    }

    [Fact]
    public void An_action_dated_before_the_previous_step_is_refused()
    {
        var refusal = Refused(DemandRefusalCodes.TimeOutOfOrder, AwaitingMaterials(), DemandAction.SupplyMaterials, Enterprise, "2026-03-03 10:00");
        Assert.Equal("操作时间 2026-03-03 10:00 早于该需求上一步的时间 2026-03-04 10:00。", refusal.Message);

        // The same instant as the previous step is fine.
        Do(AwaitingMaterials(), DemandAction.SupplyMaterials, Enterprise, "2026-03-04 10:00");
    }

    [Fact]
    public void State_and_action_names_are_Chinese()
    {
        Assert.All(Enum.GetValues<DemandState>(), s => Assert.Matches(@"^\p{IsCJKUnifiedIdeographs}+$", DemandWorkflow.StateNameZh(s)));
        Assert.All(Enum.GetValues<DemandAction>(), a => Assert.Matches(@"^\p{IsCJKUnifiedIdeographs}+$", DemandWorkflow.ActionNameZh(a)));
        Assert.Throws<ArgumentOutOfRangeException>(() => DemandSnapshot.File((DemandKind)42, T("2026-03-02 10:00")));
    }

    // ---- properties -------------------------------------------------------------------------------

    private static readonly DemandActionArgs[] ArgumentChoices =
    [
        new(),
        new() { Items = ["营业执照副本"] },
        new() { Items = ["营业执照副本"], Reason = "复印件不清" },
        new() { Answer = "已答复" },
        new() { Rating = ServiceRating.Satisfied },
        new() { Rating = ServiceRating.Dissatisfied },
        new() { Note = "已电话联系" },
        new() { Reason = "非本局职责" },
        new() { Complexity = DemandComplexity.Complex },
    ];

    /// <summary>Random attempts: an action, a side, arguments, and minutes after the previous attempt (sometimes before it).</summary>
    private static Arbitrary<(DemandAction Action, DemandActor Actor, DemandActionArgs Args, int Minutes)[]> Attempts() =>
        Gen.ArrayOf(
            from action in Gen.Elements(Enum.GetValues<DemandAction>())
            from actor in Gen.Elements(Staff, Enterprise)
            from args in Gen.Elements(ArgumentChoices)
            from minutes in Gen.Choose(-60, 3 * 24 * 60)
            select (action, actor, args, minutes)).ToArbitrary();

    [Property(MaxTest = 500)]
    public Property Any_sequence_of_attempts_keeps_the_demand_consistent() =>
        Prop.ForAll(Attempts(), attempts =>
        {
            var demand = Filed();
            var at = demand.FiledAt;
            foreach (var (action, actor, args, minutes) in attempts)
            {
                at = at.AddMinutes(minutes);
                var before = demand;
                var result = DemandWorkflow.Apply(demand, action, actor, at, args);
                if (!result.IsAllowed)
                {
                    if (!ReferenceEquals(before, result.Snapshot) || string.IsNullOrWhiteSpace(result.Refusal!.Message))
                    {
                        return false.Label($"{action} refused but changed the demand or gave no message");
                    }

                    continue;
                }

                demand = result.Snapshot;
                var consistent = demand.LastActionAt == at
                    && (demand.State == DemandState.AwaitingMaterials) == (demand.OpenMaterialRequest is not null)
                    && (demand.State is not (DemandState.AwaitingContact or DemandState.Rectifying) || demand.Rating!.Value.IsBad())
                    && (demand.State != DemandState.Rectifying || demand.ContactedAt is not null)
                    && demand.MaterialRequests.Skip(1).All(r => r.Reason is not null)
                    && demand.MaterialRequests.All(r => r.Items.Count > 0);
                if (!consistent)
                {
                    return false.Label($"inconsistent after {action} at {at}: {demand}");
                }
            }

            return true.ToProperty();
        });
}
