namespace QualityCity.Web.Modules.Quality.Samples;

/// <summary>A sample with its test items as the API returns it.</summary>
public static class SampleView
{
    public static object Of(Sample s) => new
    {
        s.Id, s.SampleNo, s.Level, s.Authority, s.Kind, s.ProductCategory, s.Industry, s.Specification, s.Batch, s.Brand, s.ProducerCreditCode, s.ProducerName,
        county = s.CountyCode, s.MadeInCounty, s.SellerName, s.Place, s.SampledOn, s.Lab, s.ReportNo, s.ReportedOn, s.Passed, s.Status, s.NoticeReceivedOn,
        s.ObjectionDue, s.ObjectionFiledOn, s.ObjectionReason, s.RetestOn, s.FinalOn, s.PublishedOn, s.CorrectionDue, s.ReinspectionDue, s.AnnouncedOn,
        s.SecondReinspectionFrom, s.SecondReinspectionTo, s.FollowUpOf, s.PlanId, s.TaskId,
        items = s.Items.OrderBy(i => i.ItemCode, StringComparer.Ordinal).Select(i => new { item = i.ItemCode, i.StandardClause, i.Measured, i.Limit, i.Unit, i.Passed, i.FirstPassed, i.RetestMeasured }),
    };
}
