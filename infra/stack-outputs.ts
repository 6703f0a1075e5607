// The stack's outputs: where the API, the form and sign-in are, the clients of the control rooms, the table,
// the documents bucket, the alarm topic and the dashboard (what an operator or a control room needs after a
// deploy). Their logical ids are the stack's, as before they moved here.
import { CfnOutput } from 'aws-cdk-lib';
import { MACHINE_CLIENTS } from './constructs/auth.ts';
import type { SakhiOscStack } from './stack.ts';

export function addStackOutputs(stack: SakhiOscStack): void {
  // The API answers only through CloudFront (the regional execute-api URL refuses every request).
  new CfnOutput(stack, 'ApiUrl', {
    value: stack.web.url.replace(/\/$/, ''),
    description: 'Base URL of the case API (CloudFront; the 181/112 systems call POST /referrals here)',
  });
  new CfnOutput(stack, 'UserPoolId', { value: stack.userPool.userPoolId });
  new CfnOutput(stack, 'FormUrl', {
    value: stack.web.url,
    description: 'The staff form (and the API on the same origin)',
  });
  new CfnOutput(stack, 'WebClientId', {
    value: stack.auth.webClient.userPoolClientId,
    description: 'The staff form client of the user pool',
  });
  for (const { id: clientId, description } of MACHINE_CLIENTS) {
    new CfnOutput(stack, `${clientId}ClientId`, {
      value: stack.auth.machineClients[clientId].userPoolClientId,
      description: `${description}: client-credentials client (secret: aws cognito-idp describe-user-pool-client)`,
    });
  }
  new CfnOutput(stack, 'TokenUrl', {
    value: `${stack.auth.domain.baseUrl()}/oauth2/token`,
    description: 'Where the control rooms get access tokens (scope sakhi/referrals.write)',
  });
  new CfnOutput(stack, 'SignInUrl', {
    value: stack.auth.domain.baseUrl(),
    description: 'Cognito hosted sign-in (the form config.json cognitoDomain)',
  });
  new CfnOutput(stack, 'TableName', { value: stack.table.tableName });
  new CfnOutput(stack, 'DocumentsBucket', {
    value: stack.documents.bucketName,
    description: 'Case documents (encrypted with their own key; reached only through presigned URLs)',
  });
  new CfnOutput(stack, 'OpsTopicArn', {
    value: stack.opsTopic.topic.topicArn,
    description: 'Alarms (subscribe more people here)',
  });
  new CfnOutput(stack, 'DashboardName', { value: stack.operations.dashboard.dashboardName });
}
