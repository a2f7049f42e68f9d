namespace CustomerPortal.BrowserTests.Infrastructure;

/// <summary>
/// Measures every visible link and button, and every checkbox and radio row (the box with its label), on the page as it is and fails on any smaller than 44 × 44 px, the
/// platforms' touch guidance (WCAG 2.2 asks at least 24 px). A link inside a sentence is excepted, as WCAG's
/// "inline" exception does: its size is set by the line of text around it.
/// </summary>
public static class TapTargets
{
    public const int MinimumPixels = 44;

    // A link is "in a sentence" when the block around it has at least a few words of its own;
    // a label such as "Phone:" in front of a link does not make it inline.
    private const string Measure = """
        minimum => {
          const blockOf = node => {
            let block = node.parentElement;
            while (block && getComputedStyle(block).display.startsWith('inline')) {
              block = block.parentElement;
            }
            return block;
          };
          const inSentence = link => {
            const rest = (blockOf(link)?.textContent ?? '').replace(link.textContent, '').replace(/\s+/g, ' ').trim();
            return rest.length >= 20 && rest.includes(' ');
          };
          const small = [];
          for (const target of document.querySelectorAll('a[href], button, summary, input[type="submit"], input[type="button"]')) {
            const rect = target.getBoundingClientRect();
            const style = getComputedStyle(target);
            if (rect.width === 0 || rect.height === 0 || style.visibility === 'hidden' || target.closest('.visually-hidden')) {
              continue;
            }
            if (target.tagName === 'A' && inSentence(target)) {
              continue;
            }
            // Sub-pixel rounding: 43.99 px is 44 px on screen.
            if (rect.height < minimum - 0.5 || rect.width < minimum - 0.5) {
              const name = (target.getAttribute('aria-label') || target.textContent).replace(/\s+/g, ' ').trim().slice(0, 50);
              small.push(`${target.tagName.toLowerCase()} "${name}" is ${Math.round(rect.width)} x ${Math.round(rect.height)} px`);
            }
          }
          // A checkbox or radio is pressed through its row: the box and its label together (issue 27 finding 4).
          for (const box of document.querySelectorAll('input[type="checkbox"], input[type="radio"]')) {
            const rect = box.getBoundingClientRect();
            if (rect.width === 0 || rect.height === 0 || getComputedStyle(box).visibility === 'hidden') {
              continue;
            }
            const label = (box.id && document.querySelector(`label[for="${CSS.escape(box.id)}"]`)) || box.closest('label');
            const row = label ? label.getBoundingClientRect() : rect;
            const width = Math.max(rect.right, row.right) - Math.min(rect.left, row.left);
            if (row.height < minimum - 0.5 || width < minimum - 0.5) {
              const name = (label?.textContent || box.name).replace(/\s+/g, ' ').trim().slice(0, 50);
              small.push(`${box.type} row "${name}" is ${Math.round(width)} x ${Math.round(row.height)} px`);
            }
          }
          return small;
        }
        """;

    public static async Task AssertAtLeast44PixelsAsync(IPage page, string what)
    {
        var small = await page.EvaluateAsync<string[]>(Measure, MinimumPixels);
        Assert.True(small.Length == 0, $"Tap targets under {MinimumPixels} px on {what}:\n" + string.Join("\n", small));
    }
}
