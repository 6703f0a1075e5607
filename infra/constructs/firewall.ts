// A regional WAF web ACL in front of the API stage. Every request must come through the CloudFront
// distribution (the staff form and the 181/112 systems alike): CloudFront adds the origin secret header,
// and a request without it is refused before anything else (the execute-api URL is public and cannot be
// turned off while CloudFront uses it as the origin). Then AWS's managed rules for common exploits, known
// bad inputs and IPs with a bad reputation, and a per-viewer rate limit.
//
// Per viewer: WAF sees a CloudFront edge as the source of every request, and one edge carries many
// centres; the first X-Forwarded-For address is whatever the caller wrote there. So the key is the viewer
// address CloudFront itself saw, which a CloudFront Function writes into x-viewer-ip on every API request
// (over any value the caller sent; see web.ts). Not CloudFront-Viewer-Address: it carries the viewer's
// source port too, and a new connection (a new port) would be a new key. A centre's staff share one address,
// so the limit is per centre rather than per person.
//
// A rate rule by source address would block a whole edge, every centre behind it, when many viewers share
// it: that backstop only counts (and its metric alarms); the stage's API Gateway throttle caps the total.
//
// Bodies: the Common rule set blocks any body over 8 KB (SizeRestrictions_BODY), and a case written in
// Hindi (three bytes a character in UTF-8) passes that long before the schema's limits. That rule only
// counts here; the API's own limit (MAX_BODY_BYTES, 64 KB) is the one that applies. NoUserAgent_HEADER
// only counts too, and its label blocks requests without a User-Agent everywhere except the machine routes
// the 181/112 systems call (their HTTP clients may send none).
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';

/** The header CloudFront adds with the origin secret. */
export const ORIGIN_SECRET_HEADER = 'x-origin-verify';
/** The header the viewer-request function writes with the address CloudFront saw the viewer at. */
export const VIEWER_IP_HEADER = 'x-viewer-ip';
/** The Common rule set's rules that only count here (see above). */
export const COUNTED_COMMON_RULES = ['SizeRestrictions_BODY', 'NoUserAgent_HEADER'] as const;
const NO_USER_AGENT_LABEL = 'awswaf:managed:aws:core-rule-set:NoUserAgent_Header';

export interface FirewallProps {
  /** ARN of the resource to protect (an API Gateway stage). */
  resourceArn: string;
  /** Requests from one viewer address per 5 minutes before it is blocked. */
  rateLimitPer5Minutes: number;
  /** Requests per 5 minutes from one source address (a CloudFront edge) that are counted. Default 10×. */
  sourceRateLimitPer5Minutes?: number;
  /** The values of the origin secret header accepted (the current and the previous generation). */
  originSecrets: string[];
  /** Block requests without it (default), or only count them (the first rollout to a running stage). */
  originCheck?: 'block' | 'count';
  /** Paths (as in the route table) the machine clients call, which may come without a User-Agent. */
  machinePaths: string[];
}

const visibility = (metricName: string): wafv2.CfnWebACL.VisibilityConfigProperty => ({
  cloudWatchMetricsEnabled: true,
  sampledRequestsEnabled: true,
  metricName,
});

const NONE = [{ priority: 0, type: 'NONE' }];

const managed = (name: string, priority: number, counted: readonly string[] = []): wafv2.CfnWebACL.RuleProperty => ({
  name,
  priority,
  overrideAction: { none: {} },
  statement: {
    managedRuleGroupStatement: {
      vendorName: 'AWS',
      name,
      ...(counted.length
        ? { ruleActionOverrides: counted.map((rule) => ({ name: rule, actionToUse: { count: {} } })) }
        : {}),
    },
  },
  visibilityConfig: visibility(name),
});

const anyOf = (statements: wafv2.CfnWebACL.StatementProperty[]): wafv2.CfnWebACL.StatementProperty =>
  statements.length === 1 ? statements[0] : { orStatement: { statements } };

export class Firewall extends Construct {
  readonly webAcl: wafv2.CfnWebACL;
  /** The rule that counts (never blocks) the requests of one busy CloudFront edge. */
  readonly edgeRuleName = 'CountPerSourceIp';

  constructor(scope: Construct, id: string, props: FirewallProps) {
    super(scope, id);
    if (props.originSecrets.length === 0) throw new Error('Firewall: at least one origin secret is needed');

    const fromCloudFront = anyOf(
      props.originSecrets.map((secret) => ({
        byteMatchStatement: {
          fieldToMatch: { singleHeader: { Name: ORIGIN_SECRET_HEADER } },
          positionalConstraint: 'EXACTLY',
          searchString: secret,
          textTransformations: NONE,
        },
      })),
    );
    const machinePath = anyOf(
      props.machinePaths.map((path) => ({
        byteMatchStatement: {
          fieldToMatch: { uriPath: {} },
          // The stage name comes first in the path API Gateway sees (/prod/referrals).
          positionalConstraint: 'ENDS_WITH',
          searchString: path,
          textTransformations: NONE,
        },
      })),
    );

    const rules: wafv2.CfnWebACL.RuleProperty[] = [
      {
        name: 'OnlyThroughCloudFront',
        priority: 0,
        action: props.originCheck === 'count' ? { count: {} } : { block: {} },
        statement: { notStatement: { statement: fromCloudFront } },
        visibilityConfig: visibility('OnlyThroughCloudFront'),
      },
      managed('AWSManagedRulesAmazonIpReputationList', 1),
      managed('AWSManagedRulesCommonRuleSet', 2, COUNTED_COMMON_RULES),
      managed('AWSManagedRulesKnownBadInputsRuleSet', 3),
      ...(props.machinePaths.length
        ? [
            {
              name: 'NoUserAgentOutsideMachineRoutes',
              priority: 4,
              action: { block: {} },
              statement: {
                andStatement: {
                  statements: [
                    { labelMatchStatement: { scope: 'LABEL', key: NO_USER_AGENT_LABEL } },
                    { notStatement: { statement: machinePath } },
                  ],
                },
              },
              visibilityConfig: visibility('NoUserAgentOutsideMachineRoutes'),
            },
          ]
        : []),
      {
        // The viewer, by the address CloudFront saw (x-viewer-ip, written by CloudFront, never the caller).
        name: 'RatePerViewerIp',
        priority: 5,
        action: { block: {} },
        statement: {
          rateBasedStatement: {
            aggregateKeyType: 'CUSTOM_KEYS',
            customKeys: [{ header: { name: VIEWER_IP_HEADER, textTransformations: NONE } }],
            limit: props.rateLimitPer5Minutes,
            evaluationWindowSec: 300,
          },
        },
        visibilityConfig: visibility('RatePerViewerIp'),
      },
      {
        // A busy edge: counted for the operators, never blocked (it carries many centres).
        name: this.edgeRuleName,
        priority: 6,
        action: { count: {} },
        statement: {
          rateBasedStatement: {
            aggregateKeyType: 'IP',
            limit: props.sourceRateLimitPer5Minutes ?? props.rateLimitPer5Minutes * 10,
            evaluationWindowSec: 300,
          },
        },
        visibilityConfig: visibility(this.edgeRuleName),
      },
    ];

    this.webAcl = new wafv2.CfnWebACL(this, 'WebAcl', {
      scope: 'REGIONAL',
      defaultAction: { allow: {} },
      description: 'Sakhi OSC API: only through CloudFront, managed protections and a per-viewer rate limit',
      visibilityConfig: visibility('SakhiOscApi'),
      rules,
    });

    new wafv2.CfnWebACLAssociation(this, 'Association', {
      resourceArn: props.resourceArn,
      webAclArn: this.webAcl.attrArn,
    });
  }
}
