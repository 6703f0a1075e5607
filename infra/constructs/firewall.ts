// A regional WAF web ACL in front of the API stage: AWS's managed rules for common exploits, known bad
// inputs and IPs with a bad reputation, and a per-IP rate limit (a centre's staff share one address, so the
// limit is per centre rather than per person).
//
// The form reaches the API through CloudFront, so for its requests the source address WAF sees is a
// CloudFront edge shared by many centres. The per-viewer limit therefore keys on the viewer address
// CloudFront puts first in X-Forwarded-For; requests without that header (the 181/112 systems calling the
// API directly) are limited by their source address. A caller could forge X-Forwarded-For to spread its
// requests, so a second, looser rule limits every source address (an edge, or a forger) as a backstop.
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';

export interface FirewallProps {
  /** ARN of the resource to protect (an API Gateway stage). */
  resourceArn: string;
  /** Requests from one viewer IP per 5 minutes before it is blocked. */
  rateLimitPer5Minutes: number;
  /** Requests per 5 minutes from one source address (a CloudFront edge carries many viewers). Default 10×. */
  sourceRateLimitPer5Minutes?: number;
}

const visibility = (metricName: string): wafv2.CfnWebACL.VisibilityConfigProperty => ({
  cloudWatchMetricsEnabled: true,
  sampledRequestsEnabled: true,
  metricName,
});

const managed = (name: string, priority: number): wafv2.CfnWebACL.RuleProperty => ({
  name,
  priority,
  overrideAction: { none: {} },
  statement: { managedRuleGroupStatement: { vendorName: 'AWS', name } },
  visibilityConfig: visibility(name),
});

/** Matches a request that carries an X-Forwarded-For header (any value). */
const forwarded: wafv2.CfnWebACL.StatementProperty = {
  sizeConstraintStatement: {
    fieldToMatch: { singleHeader: { Name: 'x-forwarded-for' } },
    comparisonOperator: 'GT',
    size: 0,
    textTransformations: [{ priority: 0, type: 'NONE' }],
  },
};

export class Firewall extends Construct {
  readonly webAcl: wafv2.CfnWebACL;

  constructor(scope: Construct, id: string, props: FirewallProps) {
    super(scope, id);

    this.webAcl = new wafv2.CfnWebACL(this, 'WebAcl', {
      scope: 'REGIONAL',
      defaultAction: { allow: {} },
      description: 'Sakhi OSC API: managed protections and a per-IP rate limit',
      visibilityConfig: visibility('SakhiOscApi'),
      rules: [
        managed('AWSManagedRulesAmazonIpReputationList', 0),
        managed('AWSManagedRulesCommonRuleSet', 1),
        managed('AWSManagedRulesKnownBadInputsRuleSet', 2),
        {
          // Viewers behind CloudFront, by the address CloudFront saw.
          name: 'RatePerViewerIp',
          priority: 3,
          action: { block: {} },
          statement: {
            rateBasedStatement: {
              aggregateKeyType: 'FORWARDED_IP',
              forwardedIpConfig: { headerName: 'X-Forwarded-For', fallbackBehavior: 'NO_MATCH' },
              limit: props.rateLimitPer5Minutes,
              evaluationWindowSec: 300,
            },
          },
          visibilityConfig: visibility('RatePerViewerIp'),
        },
        {
          // Direct callers (no X-Forwarded-For), by their own address.
          name: 'RatePerIp',
          priority: 4,
          action: { block: {} },
          statement: {
            rateBasedStatement: {
              aggregateKeyType: 'IP',
              limit: props.rateLimitPer5Minutes,
              evaluationWindowSec: 300,
              scopeDownStatement: { notStatement: { statement: forwarded } },
            },
          },
          visibilityConfig: visibility('RatePerIp'),
        },
        {
          // Every source address, forwarded or not: the backstop.
          name: 'RatePerSourceIp',
          priority: 5,
          action: { block: {} },
          statement: {
            rateBasedStatement: {
              aggregateKeyType: 'IP',
              limit: props.sourceRateLimitPer5Minutes ?? props.rateLimitPer5Minutes * 10,
              evaluationWindowSec: 300,
            },
          },
          visibilityConfig: visibility('RatePerSourceIp'),
        },
      ],
    });

    new wafv2.CfnWebACLAssociation(this, 'Association', {
      resourceArn: props.resourceArn,
      webAclArn: this.webAcl.attrArn,
    });
  }
}
