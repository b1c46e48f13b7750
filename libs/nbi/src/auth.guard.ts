import { CanActivate, ExecutionContext, Inject, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { allows, authenticate, presentedKey, type ApiKey, type Role } from './auth';
import { ApiError } from './errors';

export const API_KEYS = Symbol('ApiKeys');
const ROLE = 'nbi:role';

/** The least role a route needs; routes without it need read-only. */
export const RequiresRole = (role: Role): MethodDecorator => SetMetadata(ROLE, role);

export interface AuthenticatedRequest extends Request {
  apiKey: ApiKey;
}

/** Authentication is always on: an open NBI lets anyone reconfigure every CPE. */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    @Inject(API_KEYS) private readonly keys: ApiKey[],
    private readonly reflector: Reflector,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const key = authenticate(this.keys, presentedKey(req.headers));
    if (!key)
      throw new ApiError(
        401,
        'unauthenticated',
        'a valid API key is required (Authorization: Bearer <key>)',
      );
    const needed = this.reflector.get<Role | undefined>(ROLE, context.getHandler()) ?? 'read-only';
    if (!allows(key.role, needed)) {
      throw new ApiError(403, 'forbidden', `role ${key.role} may not do this (needs ${needed})`);
    }
    req.apiKey = key;
    return true;
  }
}
