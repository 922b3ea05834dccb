import type { ConfigFinding } from '../../core/config-finding.ts';
import type { ImageInfo } from '../../core/image-info.ts';
import { renderMessage } from '../dockerfile/render-message.ts';
import type { ImageConfigRule } from './image-config-rule.ts';
import { imageConfigRules } from './image-config-rules.ts';
import { imageConfigView } from './image-config-view.ts';

/** The location's file for findings about an image's config: there is no file to point at. */
export const IMAGE_CONFIG_FILE = '<image config>';

/**
 * Runs the image-config rules over a scanned image's config. Findings are about
 * `{ kind: 'ImageConfig', name: <image reference> }` at `<image config>` with the field's path.
 * Malformed config fields are ignored, never thrown on.
 */
export function checkImageConfig(
  image: ImageInfo,
  rules: readonly ImageConfigRule[] = imageConfigRules,
): ConfigFinding[] {
  const view = imageConfigView(image);
  const findings: ConfigFinding[] = [];
  for (const rule of rules)
    for (const v of rule.check(view)) {
      const template = (rule.messages as Readonly<Record<string, string>>)[v.messageId] ?? v.messageId;
      findings.push({
        ruleId: rule.id,
        messageId: v.messageId,
        severity: rule.severity,
        title: rule.title,
        message: renderMessage(template, v.data),
        remediation: rule.remediation,
        references: rule.references,
        resource: { kind: 'ImageConfig', name: image.reference },
        location: { file: IMAGE_CONFIG_FILE, path: v.path },
      });
    }
  return findings;
}
