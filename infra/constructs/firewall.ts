// A regional WAF web ACL in front of the API stage: AWS's managed rules for common exploits, known bad
// inputs and IPs with a bad reputation, and a per-IP rate limit (a centre's staff share one address, so the
// limit is per centre rather than per person).
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';

export interface FirewallProps {
  /** ARN of the resource to protect (an API Gateway stage). */
  resourceArn: string;
  /** Requests from one IP per 5 minutes before it is blocked. */
  rateLimitPer5Minutes: number;
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
          name: 'RatePerIp',
          priority: 3,
          action: { block: {} },
          statement: { rateBasedStatement: { aggregateKeyType: 'IP', limit: props.rateLimitPer5Minutes, evaluationWindowSec: 300 } },
          visibilityConfig: visibility('RatePerIp'),
        },
      ],
    });

    new wafv2.CfnWebACLAssociation(this, 'Association', {
      resourceArn: props.resourceArn,
      webAclArn: this.webAcl.attrArn,
    });
  }
}
