// The staff form's hosting as deployed: a private, encrypted, TLS-only bucket with access logs, reached only
// through CloudFront's origin access control; HTTPS; the security headers with the strict CSP; the API on
// the same origin for every path prefix of the route table; config.json written at deploy; the sign-in
// redirect to the distribution.
import { describe, expect, it } from 'vitest';
import { apiPathPatterns, contentSecurityPolicy } from '../../infra/constructs/web.ts';
import { ROUTES, type Route } from '../../shared/core/routes.ts';
import { joinedText, logicalIdOf, resourcesOf, synthStage, WITHOUT_CFN_VALIDATION } from './synth.ts';

const stage = 'prod';
const s = () => synthStage(stage, WITHOUT_CFN_VALIDATION);
const resource = (id: string) => s().template.toJSON().Resources[id];
const web = () => s().stack.web;
const distribution = () =>
  resource(logicalIdOf(web().distribution)).Properties.DistributionConfig as Record<string, any>;
/** The form's address as the template writes it: https://<the distribution's domain>/. */
const formUrl = () => ({
  'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [logicalIdOf(web().distribution), 'DomainName'] }, '/']],
});
/** The first path segment of every route: what CloudFront sends to the API. */
const API_PATHS = [
  '/access-log*',
  '/cases*',
  '/centres*',
  '/exports*',
  '/milestones*',
  '/openapi.json',
  '/partners*',
  '/referrals*',
  '/reported-figures*',
  '/reports*',
  '/stats*',
  '/transfers*',
  '/users*',
];

describe('web hosting', () => {
  it('derives the API paths from the first segment of every route', () => {
    expect(apiPathPatterns(ROUTES as readonly Route[]).sort()).toEqual(API_PATHS);
    expect(apiPathPatterns([{ id: 'x', method: 'GET', path: '/things/{id}', roles: [], status: 200 }])).toEqual([
      '/things*',
    ]);
  });

  it('keeps the form in a private, encrypted, versioned, TLS-only bucket that logs its access', () => {
    const bucketId = logicalIdOf(web().bucket);
    const bucket = resource(bucketId).Properties;
    expect(bucket.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(
      bucket.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.SSEAlgorithm,
    ).toBe('AES256');
    expect(bucket.LoggingConfiguration.DestinationBucketName).toEqual({ Ref: logicalIdOf(web().logBucket) });
    expect(bucket.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    const policy = Object.values(resourcesOf(s().template, 'AWS::S3::BucketPolicy')).find(
      (p) => JSON.stringify(p.Properties?.Bucket) === JSON.stringify({ Ref: bucketId }),
    );
    const statements = (policy!.Properties!.PolicyDocument as { Statement: Array<Record<string, any>> }).Statement;
    expect(statements).toContainEqual(
      expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
    );
    // Only CloudFront (this distribution) may read it.
    const allows = statements.filter((st) => st.Effect === 'Allow');
    for (const st of allows) expect(st.Principal, JSON.stringify(st)).toEqual({ Service: 'cloudfront.amazonaws.com' });
    expect(JSON.stringify(allows)).toContain(logicalIdOf(web().distribution));
  });

  it('reaches the bucket through an origin access control (signed requests), not a public website', () => {
    const oacs = Object.values(resourcesOf(s().template, 'AWS::CloudFront::OriginAccessControl'));
    expect(oacs).toHaveLength(1);
    expect(oacs[0].Properties?.OriginAccessControlConfig).toMatchObject({
      OriginAccessControlOriginType: 's3',
      SigningBehavior: 'always',
      SigningProtocol: 'sigv4',
    });
    const s3Origin = distribution().Origins.find((o: Record<string, any>) => o.S3OriginConfig);
    expect(s3Origin.OriginAccessControlId).toEqual({
      'Fn::GetAtt': [Object.keys(resourcesOf(s().template, 'AWS::CloudFront::OriginAccessControl'))[0], 'Id'],
    });
    expect(s3Origin.S3OriginConfig.OriginAccessIdentity ?? '').toBe('');
  });

  it('serves the form over HTTPS only, index.html at the root and for app paths, and logs access', () => {
    const d = distribution();
    expect(d.DefaultRootObject).toBe('index.html');
    expect(d.DefaultCacheBehavior).toMatchObject({
      ViewerProtocolPolicy: 'redirect-to-https',
      AllowedMethods: ['GET', 'HEAD'],
    });
    expect(d.DefaultCacheBehavior.FunctionAssociations).toEqual([
      { EventType: 'viewer-request', FunctionARN: { 'Fn::GetAtt': [logicalIdOf(web().spaFallback), 'FunctionARN'] } },
    ]);
    // No distribution-wide error pages: they would replace the API's own 403 and 404.
    expect(d.CustomErrorResponses).toBeUndefined();
    expect(d.Logging.Bucket).toEqual({ 'Fn::GetAtt': [logicalIdOf(web().logBucket), 'RegionalDomainName'] });
    for (const b of d.CacheBehaviors) expect(b.ViewerProtocolPolicy).toBe('https-only');
  });

  it('compresses the form (brotli and gzip, by the cache policy) and lets the API answer compressed', () => {
    const d = distribution();
    // Managed-CachingOptimized: gzip and brotli in the cache key, so the edge compresses what it caches.
    expect(d.DefaultCacheBehavior).toMatchObject({
      Compress: true,
      CachePolicyId: '658327ea-f89d-4fab-a63d-7e88639e58f6',
    });
    // The API behaviour caches nothing, so CloudFront compresses none of it: API Gateway does (stack-api).
    for (const b of d.CacheBehaviors) expect(b.Compress).toBe(true);
  });

  it('rewrites extension-less paths to /index.html and leaves files alone', () => {
    const code = resource(logicalIdOf(web().spaFallback)).Properties.FunctionCode as string;
    const handler = new Function(`${code}; return handler;`)() as (e: { request: { uri: string } }) => { uri: string };
    expect(handler({ request: { uri: '/' } }).uri).toBe('/index.html');
    expect(handler({ request: { uri: '/cases/new' } }).uri).toBe('/index.html');
    expect(handler({ request: { uri: '/app.js' } }).uri).toBe('/app.js');
    expect(handler({ request: { uri: '/config.json' } }).uri).toBe('/config.json');
  });

  it('sends every API path to the REST API, uncached, all methods, with Authorization and the query string', () => {
    const d = distribution();
    const apiOrigin = d.Origins.find((o: Record<string, any>) => o.CustomOriginConfig);
    expect(apiOrigin.CustomOriginConfig).toMatchObject({ OriginProtocolPolicy: 'https-only' });
    expect(JSON.stringify(apiOrigin.DomainName)).toContain(logicalIdOf(s().stack.api.restApi));
    // The stage name is the origin path: /cases at the edge is /<stage>/cases at the API.
    expect(JSON.stringify(apiOrigin.OriginPath)).toContain(logicalIdOf(s().stack.api.restApi));
    const behaviors = d.CacheBehaviors as Array<Record<string, any>>;
    expect(behaviors.map((b) => b.PathPattern).sort()).toEqual(API_PATHS);
    for (const b of behaviors) {
      expect(b).toMatchObject({
        TargetOriginId: apiOrigin.Id,
        AllowedMethods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE'],
        CachePolicyId: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad', // Managed-CachingDisabled
        OriginRequestPolicyId: 'b689b0a8-53d0-40ab-baf2-68738e2966ac', // Managed-AllViewerExceptHostHeader
      });
    }
  });

  it('adds security headers to every response: strict CSP naming the sign-in, HSTS, no referrer, nosniff, DENY', () => {
    const d = distribution();
    const policyRef = { Ref: logicalIdOf(web().securityHeaders) };
    expect(d.DefaultCacheBehavior.ResponseHeadersPolicyId).toEqual(policyRef);
    for (const b of d.CacheBehaviors) expect(b.ResponseHeadersPolicyId).toEqual(policyRef);
    const config = resource(logicalIdOf(web().securityHeaders)).Properties.ResponseHeadersPolicyConfig;
    const sec = config.SecurityHeadersConfig;
    const csp = joinedText(sec.ContentSecurityPolicy.ContentSecurityPolicy);
    const directives = Object.fromEntries(
      csp
        .split(';')
        .map((d) => d.trim().split(/\s+/))
        .map(([k, ...v]) => [k, v]),
    );
    // The hosted sign-in: https://<the user pool domain>.auth.<region>.amazoncognito.com
    const [domainId] = Object.keys(resourcesOf(s().template, 'AWS::Cognito::UserPoolDomain'));
    const signIn = `https://<Ref:${domainId}>.auth.ap-south-1.amazoncognito.com`;
    expect(directives).toMatchObject({
      'default-src': ["'self'"],
      'script-src': ["'self'"],
      'style-src': ["'self'"],
      'img-src': ["'self'", 'data:'],
      'frame-ancestors': ["'none'"],
      'base-uri': ["'none'"],
    });
    // ... and the documents bucket, which the form PUTs and GETs with presigned URLs (documents.test.ts).
    const documents = joinedText(s().stack.resolve(s().stack.documents.origin));
    expect(directives['connect-src']).toEqual(["'self'", signIn, documents]);
    expect(directives['form-action']).toEqual(["'self'", signIn]);
    expect(csp).not.toContain('unsafe');
    expect(sec.StrictTransportSecurity).toMatchObject({
      AccessControlMaxAgeSec: 730 * 86400,
      IncludeSubdomains: true,
      Override: true,
    });
    expect(sec.ReferrerPolicy).toEqual({ ReferrerPolicy: 'no-referrer', Override: true });
    expect(sec.ContentTypeOptions).toEqual({ Override: true });
    expect(sec.FrameOptions).toEqual({ FrameOption: 'DENY', Override: true });
    expect(contentSecurityPolicy('https://x.auth.ap-south-1.amazoncognito.com')).toContain(
      "connect-src 'self' https://x.auth.ap-south-1.amazoncognito.com",
    );
  });

  it('writes the form config.json at deploy: same-origin API, Cognito domain, web client, redirect to itself', () => {
    const config = web().config;
    const resolve = (v: string | number) => s().stack.resolve(v);
    expect(config.mode).toBe('cognito');
    // Shared computers: the stage's idle lock (15 min) and sign-out (5 more) reach the form.
    expect(config).toMatchObject({ lockAfterSeconds: 900, signOutAfterSeconds: 300 });
    expect(resolve(config.clientId)).toEqual({ Ref: logicalIdOf(s().stack.auth.webClient) });
    expect(JSON.stringify(resolve(config.cognitoDomain))).toContain(logicalIdOf(s().stack.auth.domain));
    expect(JSON.stringify(resolve(config.apiUrl))).toContain(logicalIdOf(web().distribution));
    expect(resolve(config.redirectUri)).toEqual(formUrl());
    const deployments = Object.values(resourcesOf(s().template, 'Custom::CDKBucketDeployment'));
    expect(deployments.length).toBeGreaterThanOrEqual(1);
    const pages = deployments.find((d) =>
      JSON.stringify(d.Properties?.SourceMarkers ?? '').includes(logicalIdOf(s().stack.auth.webClient)),
    );
    expect(pages, 'a deployment carrying config.json').toBeDefined();
    expect(pages!.Properties).toMatchObject({
      DistributionPaths: ['/*'],
      DestinationBucketName: { Ref: logicalIdOf(web().bucket) },
    });
  });

  it('registers the distribution as the sign-in callback and logout URL of the web client', () => {
    const client = resource(logicalIdOf(s().stack.auth.webClient)).Properties;
    expect(client.CallbackURLs).toContainEqual(formUrl());
    expect(client.LogoutURLs).toContainEqual(formUrl());
  });

  it('outputs the form URL', () => {
    expect(s().template.toJSON().Outputs.FormUrl.Value).toEqual(formUrl());
  });
});
