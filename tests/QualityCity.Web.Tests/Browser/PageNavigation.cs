using Microsoft.Playwright;

namespace QualityCity.Web.Tests.Browser;

/// <summary>Steps that take the page to another address.</summary>
public static class PageNavigation
{
    /// <summary>
    /// Runs an action that leads to another address and returns once the browser has parsed the page there.
    /// The wait begins before the action: a wait begun after it can miss a navigation that committed in the
    /// meantime and then wait for one that never comes.
    /// </summary>
    public static async Task NavigatesAsync(this IPage page, Func<Task> action, Func<string, bool> arrivedAt)
    {
        var arrived = page.WaitForURLAsync(arrivedAt, new PageWaitForURLOptions
        {
            // The new document is enough: its load event waits for scripts and images, which can outlast
            // the timeout on a busy machine and which each step waits for itself when it needs them.
            WaitUntil = WaitUntilState.DOMContentLoaded,
        });
        await action();
        await arrived;
    }
}
